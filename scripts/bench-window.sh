#!/usr/bin/env bash
# The window bench (docs/benchmarks-window.md): the release app against a blank Tauri window
# (benches/blank-window), both built here, in a virtual display (when there is no DISPLAY) and a
# private D-Bus session with a throwaway unlocked keyring. It starts the release platform emulator
# with BENCH_WINDOW_USERS generated people (default 1000000), adds a profile for it, and drives
# the app over WebDriver (tests/bench/window.mjs). Prints one markdown table.
#   BENCH_WINDOW_USERS=100000 scripts/bench-window.sh
# BENCH_CARGO wraps cargo (e.g. "flock /tmp/cargo.lock cargo" on a shared machine);
# BENCH_WINDOW_BUILD=0 uses what is already built. WEBDRIVER_PORT: default 4470.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ "${1:-}" != "--inside" ]; then
  if [ "${BENCH_WINDOW_BUILD:-1}" != 0 ]; then
    cargo=(${BENCH_CARGO:-cargo})
    # The app embeds ui/dist at compile time; the default custom-protocol feature makes the
    # release binary load it, as `tauri build` (scripts/package.sh) does, never a dev server.
    npm --prefix "$root/ui" run --silent build
    "${cargo[@]}" build --release --manifest-path "$root/Cargo.toml" -p access-console -p platform-emulator -p accessctl
    "${cargo[@]}" build --release --manifest-path "$root/benches/blank-window/Cargo.toml"
  fi
  if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" --inside
  fi
  exec dbus-run-session -- "$0" --inside
fi

# --- inside the display and the D-Bus session ---
tmp="$(mktemp -d)"
mkdir -p "$tmp"/{home,config,data,cache,state,keyring}
pids=()
descendants() { for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
cleanup() {
  # Only what this script started (and below it), never anything else of the same name.
  local all=""
  for p in "${pids[@]}"; do all="$all $p $(descendants "$p")"; done
  kill -TERM $all 2>/dev/null || true
  sleep 0.5
  kill -KILL $all 2>/dev/null || true
  # The keyring daemon this script started (it would outlive the D-Bus session otherwise): the
  # one whose keyring folder is ours, never one another run on this machine started meanwhile.
  for pid in $(pgrep -x gnome-keyring-d || true); do
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "XDG_DATA_HOME=$tmp/keyring" \
      && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

eval "$(printf bench | XDG_DATA_HOME="$tmp/keyring" gnome-keyring-daemon --unlock --components=secrets)"
# The app and accessctl keep profiles, cache and logs here, never in the real home.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"

users="${BENCH_WINDOW_USERS:-1000000}"
release="$CARGO_TARGET_DIR/release"
"$release/platform-emulator" --port 0 --generate "$users" --seed 1 > "$tmp/emulator.log" 2>&1 &
emulator_pid=$!
pids+=("$emulator_pid")
url=""
for _ in $(seq 1 3000); do
  url="$(sed -n 's/^platform emulator listening on //p' "$tmp/emulator.log")"
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$tmp/emulator.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the emulator did not start" >&2; exit 1; }
grep '^generated' "$tmp/emulator.log" >&2 || true
"$release/accessctl" profiles add bench --api-base "$url" >&2
"$release/accessctl" profiles select bench >&2

# The app opens the scripted browser for sign-in; it inherits this environment through
# tauri-driver, so it is set before the driver starts.
export BROWSER="$root/tests/browser/scripted-browser.mjs"
export SCRIPTED_BROWSER_CREDENTIALS="$tmp/creds.json"
export WEBDRIVER_PORT="${WEBDRIVER_PORT:-4470}"
setsid tauri-driver --port "$WEBDRIVER_PORT" --native-port "$((WEBDRIVER_PORT + 100))" > "$tmp/driver.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
  (echo > "/dev/tcp/127.0.0.1/$WEBDRIVER_PORT") 2>/dev/null && break
  sleep 0.2
done

export APP_BIN="$release/access-console" BLANK_BIN="$release/blank-window"
export BENCH_PROFILE=bench BENCH_WINDOW_USERS="$users" BENCH_TMP="$tmp" EMULATOR_PID="$emulator_pid"
node "$root/tests/bench/window.mjs"
