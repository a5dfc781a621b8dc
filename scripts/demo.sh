#!/usr/bin/env bash
# Sets everything up, builds the app, and opens it on its built-in demo platform.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
printf '\033[1m==> %s\033[0m\n' "Building the app (a first build takes a few minutes)"
cargo build --manifest-path "$root/Cargo.toml" -p access-console
printf '\033[1m==> %s\033[0m\n' "Starting Access Console on the demo platform (demo accounts are listed on its sign-in screen)"
exec "$CARGO_TARGET_DIR/debug/access-console" --demo
