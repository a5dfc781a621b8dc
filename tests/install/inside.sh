#!/usr/bin/env bash
# Runs inside the clean Debian chroot that scripts/install-test.sh prepares, as root:
#   inside.sh /tmp/install/access-console_VERSION_amd64.deb VERSION
# Files beside it: session.sh (the person's desktop session) and sample.acprofile. Screenshots
# go to /tmp/install/artifacts/.
set -euo pipefail
deb="$1"
version="$2"
here="$(cd "$(dirname "$0")" && pwd)"
say() { printf '\033[1m--> [%4ss] %s\033[0m\n' "$SECONDS" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
user=clinic
home="/home/$user"
apt_quiet() { apt-get -y -q -o Dpkg::Use-Pty=0 "$@" >/tmp/install/apt.log 2>&1 || { tail -30 /tmp/install/apt.log; fail "apt-get $*"; }; }

say "apt-get update"
apt_quiet update

# 1. Exactly what `apt-get install ./the.deb` would pull (Depends and Recommends), and nothing
#    more, installed first: the app's libraries must all be found with only these.
say "Installing the package's declared dependencies (as apt resolves them for the .deb)"
mapfile -t deps < <(apt-get install -s "$deb" | awk '/^Inst / && $2 != "access-console" { print $2 }')
[ "${#deps[@]}" -gt 0 ] || fail "apt resolved no dependencies for the package"
echo "    ${#deps[@]} packages"
apt_quiet install --no-install-recommends "${deps[@]}"
mkdir -p /tmp/unpacked
dpkg-deb -x "$deb" /tmp/unpacked
missing="$(ldd /tmp/unpacked/usr/bin/access-console | grep 'not found' || true)"
[ -z "$missing" ] || fail "libraries the package does not declare:
$missing"
echo "    every library the binary links is installed"

# 2. What the test itself needs: a virtual display, screenshots, keyring tools.
say "Installing the test's own tools (Xvfb, ImageMagick, xdotool, secret-tool, D-Bus)"
apt_quiet install --no-install-recommends xvfb xauth imagemagick xdotool libsecret-tools \
  dbus-daemon desktop-file-utils procps

# Every path on the system except the kernel's and mounts' trees, apt's own downloads, package
# lists and logs, and the person's own data folders (the only things allowed to remain).
snapshot() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
    -o -path /var/cache/apt -o -path /var/lib/apt/lists -o -path /var/log \
    -o -path "$home/.config/access-console" -o -path "$home/.config/dev.accessconsole.desktop" \
    -o -path "$home/.local/share/access-console" -o -path "$home/.local/share/dev.accessconsole.desktop" \
    -o -path "$home/.cache" \) -prune -o -print | LC_ALL=C sort
}
say "Listing every file before installing the package"
snapshot >/tmp/install/before.txt
echo "    $(wc -l </tmp/install/before.txt) paths"

# 3. The install a person does.
say "apt-get install ./$(basename "$deb")"
apt-get install -y -q -o Dpkg::Use-Pty=0 "$deb" >/tmp/install/apt.log 2>&1 || { cat /tmp/install/apt.log; fail "install"; }
grep -q "^0 upgraded, 1 newly installed" /tmp/install/apt.log ||
  { cat /tmp/install/apt.log; fail "apt installed more than the package: a dependency was not declared"; }

say "Checking the installed package"
got="$(dpkg-query -W -f='${Version}' access-console)"
[ "$got" = "$version" ] || fail "dpkg -s shows version $got, the workspace has $version"
echo "    dpkg -s access-console: Version $got (the workspace's)"
desktop="/usr/share/applications/Access Console.desktop"
desktop-file-validate "$desktop" || fail "the desktop entry does not validate"
grep -qx 'Exec=access-console %f' "$desktop" || fail "the desktop entry does not pass the opened file (Exec=… %f)"
echo "    desktop-file-validate: ok; $(grep '^Exec=' "$desktop"); $(grep '^MimeType=' "$desktop")"
for size in 16 22 24 32 48 64 128 256 512; do
  f="/usr/share/icons/hicolor/${size}x${size}/apps/access-console.png"
  [ -f "$f" ] || fail "no ${size}px icon in hicolor"
  identify -format '%wx%h' "$f" | grep -qx "${size}x${size}" || fail "$f is not ${size}x${size}"
done
echo "    hicolor icons: 16 22 24 32 48 64 128 256 512"

cp "$here/sample.acprofile" "$home/Clinic.acprofile"
chown "$user:" "$home/Clinic.acprofile"
as_user() { runuser -u "$user" -- env -i PATH=/usr/bin:/bin HOME="$home" USER="$user" LANG=C.UTF-8 "$@"; }
type="$(as_user xdg-mime query filetype "$home/Clinic.acprofile")"
[ "$type" = "application/x-access-console-profile" ] || fail "a .acprofile file is of type '$type'"
default="$(as_user xdg-mime query default application/x-access-console-profile)"
[ "$default" = "Access Console.desktop" ] || fail "xdg-mime names '$default' for profiles, not the app"
echo "    xdg-mime: Clinic.acprofile is $type, opened by $default"

# 4. The person's desktop session: first screen, a profile file opened through the desktop
#    entry, the README's keyring commands.
say "Starting the app as $user under Xvfb"
chmod 0777 /tmp/install/artifacts
# The session's own chatter (D-Bus activations, portal warnings) goes to a log, shown on failure.
as_user bash "$here/session.sh" "$home/Clinic.acprofile" /tmp/install/artifacts 2>/tmp/install/session.log ||
  { cat /tmp/install/session.log; fail "the desktop session"; }
# Zombies do not count: they have ended, and no init runs in the chroot to reap them at once.
# Some may still be exiting: give them 10 s.
for _ in $(seq 50); do
  left="$(ps -u "$user" -o pid=,stat=,args= | awk '$2 !~ /^Z/' || true)"
  [ -z "$left" ] && break
  sleep 0.2
done
[ -z "$left" ] || fail "processes of $user still run after the session:
$left"
rm "$home/Clinic.acprofile"

# 5. Uninstall, and compare.
say "apt-get purge access-console"
apt_quiet purge access-console
rm -rf /tmp/unpacked
snapshot >/tmp/install/after.txt
# The folders that hold the person's data folders may be new too (a fresh account has none).
diff /tmp/install/before.txt /tmp/install/after.txt | grep '^[<>]' |
  grep -vxF -e "> $home/.config" -e "> $home/.local" -e "> $home/.local/share" >/tmp/install/diff.txt || true
if [ -s /tmp/install/diff.txt ]; then
  echo "Files that differ between before the install and after the purge (> remained, < went missing):" >&2
  cat /tmp/install/diff.txt >&2
  fail "the purge left the system different"
fi
echo "    nothing remains outside the person's data folders; those are:"
(cd "$home" && find .config .local/share .cache -mindepth 1 -maxdepth 1 2>/dev/null | sed 's|^|      ~/|') || true

# 6. The README's removal of the person's data: then nothing of the app's is left in their
#    home. What remains are caches GTK, fontconfig and Mesa keep for every program.
say "The README's removal of the data, config and log folders"
as_user bash -c 'rm -rf ~/.config/access-console ~/.config/dev.accessconsole.desktop \
  ~/.local/share/access-console ~/.local/share/dev.accessconsole.desktop ~/.cache/dev.accessconsole.desktop'
left="$(find "$home" | grep -i 'access' || true)"
[ -z "$left" ] || fail "after the README's removal, the app's files remain:
$left"
echo "    none of the app's files left; shared caches kept: $(cd "$home/.cache" 2>/dev/null && ls | tr '\n' ' ')"
