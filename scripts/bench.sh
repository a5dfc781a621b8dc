#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, one table at the end:
# - the core's directory bench (crates/core/benches/directory.rs): full sync beside its two
#   floors, delta, Overview, local and platform search, at each of BENCH_SIZES (default
#   100000,1000000), in a private D-Bus session with a throwaway unlocked keyring;
# - then the window bench (scripts/bench-window.sh, release app against a blank Tauri window) at
#   the largest size. BENCH_WINDOW=0 leaves it out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
if [ "${1:-}" != "--inside" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
  cargo build --release -p platform-emulator --manifest-path "$root/Cargo.toml"
  dbus-run-session -- "$0" --inside | tee "$out/core.md"
  if [ "${BENCH_WINDOW:-1}" != 0 ]; then
    largest="$(tr ',' '\n' <<<"${BENCH_SIZES:-100000,1000000}" | sort -n | tail -1)"
    BENCH_WINDOW_USERS="$largest" "$root/scripts/bench-window.sh" | tee "$out/window.md"
  fi
  echo
  echo "## All figures (core, then window)"
  echo
  head -2 "$out/core.md"
  tail -n +3 "$out/core.md" | grep '^|' || true
  [ -f "$out/window.md" ] && { grep '^|' "$out/window.md" | tail -n +3 || true; }
  exit 0
fi
keyring_dir="$(mktemp -d)"
eval "$(printf bench | XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# The daemon answers before its login keyring exists: wait until an entry can be stored, or the
# bench's sign-in fails with "no result found".
for _ in $(seq 1 50); do
  printf probe | secret-tool store --label=probe access-console-bench probe 2>/dev/null && break
  sleep 0.2
done
secret-tool clear access-console-bench probe 2>/dev/null || true
export EMULATOR_BIN="$CARGO_TARGET_DIR/release/platform-emulator"
cargo bench -p console-core --bench directory --manifest-path "$root/Cargo.toml"
