#!/usr/bin/env bash
# Installs what Access Console needs on Debian/Ubuntu: system packages (through apt, only the
# missing ones), npm packages, tauri-driver (tests only), and builds the web view.
#   scripts/setup.sh          for building and running the app
#   scripts/setup.sh --test   also what the test suite needs (virtual display, WebDriver, keyring)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libsoup-3.0-dev librsvg2-dev libdbus-1-dev curl)
if [ "$want_tests" = 1 ]; then
  packages+=(xvfb xauth webkit2gtk-driver dbus-daemon gnome-keyring libsecret-tools xclip xdotool)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "System packages: all present"
fi

command -v cargo >/dev/null || { echo "Rust is required: https://rustup.rs" >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js 20 or newer is required" >&2; exit 1; }

say "Installing the web view's npm packages (ui/)"
npm ci --prefix "$root/ui" --no-audit --no-fund --loglevel=error

if [ "$want_tests" = 1 ]; then
  say "Installing the test tooling's npm packages (tests/)"
  npm ci --prefix "$root/tests" --no-audit --no-fund --loglevel=error
  if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    say "Installing tauri-driver (WebDriver for the app window)"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
fi

say "Building the web view (ui/dist)"
npm --prefix "$root/ui" run build --silent >/dev/null
