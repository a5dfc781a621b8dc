#!/usr/bin/env bash
# End-to-end tests of the real app window: tauri-driver (WebDriver) in front of
# WebKitWebDriver, the app in demo mode with its in-process platform, and the scripted browser
# as $BROWSER. Expects APP_BIN, a display and a D-Bus session with an unlocked Secret Service
# (scripts/test.sh provides all three). Screenshots land in $E2E_ARTIFACTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${APP_BIN:?set APP_BIN to the built app binary}"
driver="$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")"
[ -x "$driver" ] || { echo "tauri-driver not found: cargo install tauri-driver --locked" >&2; exit 1; }

export E2E_TMP="$(mktemp -d)"
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-$here/artifacts}"
mkdir -p "$E2E_ARTIFACTS" "$E2E_TMP/home" "$E2E_TMP/config" "$E2E_TMP/data" "$E2E_TMP/cache" "$E2E_TMP/state"
E2E_ARTIFACTS="$(cd "$E2E_ARTIFACTS" && pwd)"
export APP_BIN
# Nothing the app writes may land in the real home; the test greps these folders for tokens.
export HOME="$E2E_TMP/home" XDG_CONFIG_HOME="$E2E_TMP/config" XDG_DATA_HOME="$E2E_TMP/data"
export XDG_CACHE_HOME="$E2E_TMP/cache" XDG_STATE_HOME="$E2E_TMP/state"
export ACCESS_CONSOLE_DEMO=1 ACCESS_CONSOLE_DEMO_PORT=0
# The most verbose logs, so every run shows that even they carry no secret or patient data
# (secrets.test.mjs greps the log file and the app's stderr).
export ACCESS_CONSOLE_LOG="${ACCESS_CONSOLE_LOG:-trace}"
# A copied key is cleared after 3 s instead of 30, so window.test.mjs can watch it happen.
export ACCESS_CONSOLE_CLIPBOARD_CLEAR_SECS="${ACCESS_CONSOLE_CLIPBOARD_CLEAR_SECS:-3}"
export BROWSER="$here/../browser/scripted-browser.mjs"
export SCRIPTED_BROWSER_CREDENTIALS="$E2E_TMP/creds.json"
# Each request the scripted browser makes (method, address without query, status): signin.test.mjs
# reads that staff answered the code step.
export SCRIPTED_BROWSER_LOG="$E2E_TMP/browser.log"
export WEBDRIVER_PORT="${WEBDRIVER_PORT:-4444}"

# Its own session and process group, so cleanup can end exactly what it started (WebKitWebDriver
# and the app are its descendants) and nothing else of the same name on this machine.
# WebKitWebDriver's own port goes with ours, so two runs on one machine never share a driver.
setsid "$driver" --port "$WEBDRIVER_PORT" --native-port "$((WEBDRIVER_PORT + 100))" > "$E2E_TMP/driver.log" 2>&1 &
driver_pid=$!
descendants() { for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
cleanup() {
  local pids
  pids="$driver_pid $(descendants "$driver_pid")"
  kill -TERM -- "-$driver_pid" $pids 2>/dev/null || true
  alive() { for p in $pids; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
  for _ in $(seq 1 20); do alive || break; sleep 0.1; done
  kill -KILL -- "-$driver_pid" $pids 2>/dev/null || true
  cp "$E2E_TMP/driver.log" "$E2E_ARTIFACTS/driver.log" 2>/dev/null || true
  rm -rf "$E2E_TMP"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  (echo > "/dev/tcp/127.0.0.1/$WEBDRIVER_PORT") 2>/dev/null && break
  sleep 0.2
done
(echo > "/dev/tcp/127.0.0.1/$WEBDRIVER_PORT") 2>/dev/null || { echo "tauri-driver did not start" >&2; cat "$E2E_TMP/driver.log" >&2; exit 1; }

cd "$here"
node --test --test-concurrency=1 ${E2E_FILES:-./*.test.mjs}
