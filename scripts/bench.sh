#!/usr/bin/env bash
# Directory benchmarks (docs/benchmarks.md): builds the release emulator, then runs the core's
# bench in a private D-Bus session with a throwaway unlocked keyring. BENCH_SIZES=100000,1000000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
if [ "${1:-}" != "--inside" ]; then
  cargo build --release -p platform-emulator --manifest-path "$root/Cargo.toml"
  exec dbus-run-session -- "$0" --inside
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
