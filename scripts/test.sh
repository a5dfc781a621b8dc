#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: formatting, lints, the UI's checks and unit
# tests, every Rust test (emulator, core with the real OS keyring, CLI, interop against
# oidc-provider), and the end-to-end tests of the real window over WebDriver.
# Runs inside its own virtual display and D-Bus session with a throwaway unlocked keyring, so
# it works on a machine without a display and never touches your own keyring.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "${1:-}" != "--inside" ]; then
  "$root/scripts/setup.sh" --test
  say "Starting a virtual display and a private D-Bus session"
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" --inside
fi

# --- inside the virtual display and D-Bus session ---
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
keyring_dir="$(mktemp -d)"
cleanup() {
  # Only the daemon this script started (it would outlive the D-Bus session otherwise): the one
  # whose keyring folder is ours, not one another run on this machine started meanwhile.
  for pid in $(pgrep -x gnome-keyring-d || true); do
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "XDG_DATA_HOME=$keyring_dir" \
      && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$keyring_dir"
}
trap cleanup EXIT
say "Starting an unlocked Secret Service keyring (gnome-keyring) for this session"
eval "$(printf 'access-console-tests' | XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

cd "$root"
say "cargo fmt --check"
cargo fmt --all --check
say "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings
say "UI: lint, type check, unit tests"
npm --prefix ui run --silent lint
npm --prefix ui run --silent typecheck
npm --prefix ui run --silent test
say "Rust tests (emulator, core with the OS keyring, CLI, interop with oidc-provider)"
cargo test --workspace --quiet
say "Building the app for the end-to-end tests"
cargo build -p access-console --quiet
say "End-to-end tests of the real window (screenshots in tests/e2e/artifacts)"
APP_BIN="$CARGO_TARGET_DIR/debug/access-console" bash tests/e2e/run.sh
say "All tests passed"
