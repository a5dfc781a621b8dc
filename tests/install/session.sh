#!/usr/bin/env bash
# The person's desktop session inside the install test's chroot (run by inside.sh as that
# person): a virtual display, a D-Bus session and an unlocked Secret Service keyring, as on a
# desktop. Opens the installed app, screenshots its first screen, opens a profile file the way a
# file manager does (through the desktop entry), and runs the README's keyring commands.
#   session.sh PROFILE_FILE ARTIFACTS_DIR
set -euo pipefail
if [ "${1:-}" != "--inside" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" --inside "$@"
fi
shift
profile="$1"
artifacts="$2"
say() { printf '\033[1m--> %s\033[0m\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

export XDG_RUNTIME_DIR
XDG_RUNTIME_DIR="$(mktemp -d /tmp/runtime-XXXXXX)"
keyring_dir="$(mktemp -d /tmp/keyring-XXXXXX)"
eval "$(printf 'install-test' | XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
keyring_pid="$(pgrep -u "$(id -u)" -x gnome-keyring-d)"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  kill "$keyring_pid" 2>/dev/null || true
  # The app's web processes end when it does; wait for them so none outlives the session.
  for _ in $(seq 50); do
    pgrep -u "$(id -u)" -f 'access-console|WebKit' >/dev/null || break
    sleep 0.2
  done
  rm -rf "$XDG_RUNTIME_DIR" "$keyring_dir"
}
trap cleanup EXIT

# Waits for the app's window and for it to show content (a window not yet painted is one flat
# colour), then a moment more for the layout to settle, and saves a screenshot of it as $1.
screenshot_when_painted() {
  local out="$1" wid="" sd=0 started=$SECONDS
  for _ in $(seq 120); do
    wid="$(xdotool search --onlyvisible --name '^Access Console$' 2>/dev/null | head -1 || true)"
    [ -n "$wid" ] && break
    sleep 0.5
  done
  [ -n "$wid" ] || fail "no window within 60 s"
  for _ in $(seq 180); do
    sd="$(import -window "$wid" png:- | convert - -format '%[fx:standard_deviation]' info:)"
    awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' && break
    sleep 0.5
  done
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "the window stayed blank for 90 s"
  echo "    window painted after $((SECONDS - started)) s"
  sleep 2
  import -window "$wid" "$out"
  echo "    screenshot $(basename "$out")"
}

stop_app() {
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  for _ in $(seq 50); do
    pgrep -u "$(id -u)" -f WebKit >/dev/null || return 0
    sleep 0.2
  done
  fail "the app's web processes outlived it"
}

say "First start, from the menu's command (access-console, no profile yet)"
access-console >/tmp/app-first.log 2>&1 &
app_pid=$!
screenshot_when_painted "$artifacts/first-screen.png"
stop_app

say "Opening $(basename "$profile") as a file manager does (xdg-open, through the desktop entry)"
xdg-open "$profile" >/tmp/app-open.log 2>&1 &
for _ in $(seq 60); do
  app_pid="$(pgrep -u "$(id -u)" -x access-console || true)"
  [ -n "$app_pid" ] && break
  sleep 0.5
done
[ -n "$app_pid" ] || fail "xdg-open did not start the app"
args="$(tr '\0' ' ' <"/proc/$app_pid/cmdline")"
# xdg-open runs the entry's Exec= with the file for %f (the command by its full path).
[[ "$args" =~ ^(/usr/bin/)?access-console\ "$profile"\ $ ]] || fail "the desktop entry started '$args', not the app with the file"
echo "    started: $args"
screenshot_when_painted "$artifacts/opened-profile.png"
stop_app

# The README's commands for the keyring. The entries are made with the attributes the keyring
# crate (v3, Secret Service) writes for the app's service "access-console" (token_store.rs), plus
# one of another program that must survive.
say "The README's keyring commands: list, then clear the app's entries only"
store() { printf '%s' "$1" | secret-tool store --label="$2" "${@:3}"; }
store token 'app:Clinic@access-console' service access-console username app:Clinic target default application rust-keyring
store key 'cache-key:Clinic@access-console' service access-console username cache-key:Clinic target default application rust-keyring
store keep 'another program' service another-program username someone
listed="$(secret-tool search --all service access-console 2>&1 | grep -c '^attribute.username = ' || true)"
[ "$listed" = 2 ] || fail "secret-tool search listed $listed of the app's 2 entries"
secret-tool clear service access-console
left="$(secret-tool search --all service access-console 2>&1 | grep -c '^attribute.username = ' || true)"
[ "$left" = 0 ] || fail "secret-tool clear left $left of the app's entries"
[ "$(secret-tool lookup service another-program username someone)" = keep ] || fail "secret-tool clear removed another program's entry"
echo "    listed 2 entries, cleared both; another program's entry kept"
