#!/usr/bin/env bash
# Installs the .deb from scripts/package.sh on a clean Debian 12 (bookworm) system, a debootstrap
# chroot, and checks it there (tests/install/inside.sh): its declared dependencies are enough,
# the desktop entry, icons, file association and version are right, the app opens its first
# screen under Xvfb (screenshot in tests/install/artifacts/), and after `apt-get purge` nothing
# remains but the user's own data folders.
#   sudo scripts/install-test.sh [path/to/access-console_VERSION_amd64.deb]
# Needs root (debootstrap, chroot, mounts) and the network to the Debian mirror apt uses here.
# The clean system is cached in /var/tmp/access-console-chroot.tar and downloaded packages in
# /var/tmp/access-console-apt-archives/, so later runs skip debootstrap and most downloads.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { echo "error: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0): debootstrap, chroot and mounts need it"
if ! command -v debootstrap >/dev/null; then
  say "Installing debootstrap (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")"
target="${CARGO_TARGET_DIR:-$root/target}"
deb="$(realpath "${1:-$target/release/bundle/deb/access-console_${version}_amd64.deb}")"
[ -f "$deb" ] || die "no package at $deb: run scripts/package.sh first"

cache="${ACCESS_CONSOLE_CHROOT_CACHE:-/var/tmp/access-console-chroot.tar}"
archives="${ACCESS_CONSOLE_APT_ARCHIVES:-/var/tmp/access-console-apt-archives}"
artifacts="$root/tests/install/artifacts"
suite=bookworm

# The mirrors apt uses on this machine: the chroot gets the same suites (bookworm, -updates,
# -security), so the package meets the library versions it was built against.
sources="$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | sort -u | grep " $suite" || true)"
mirror="$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$sources")"
[ -n "$mirror" ] || die "apt here has no $suite source to take the mirror from"

mounts=()
chroot_dir=""
cleanup() {
  local rc=$?
  if [ -n "$chroot_dir" ]; then
    # Screenshots, also of a failed run.
    if compgen -G "$chroot_dir/tmp/install/artifacts/*.png" >/dev/null; then
      mkdir -p "$artifacts"
      cp "$chroot_dir"/tmp/install/artifacts/*.png "$artifacts/"
    fi
    # Processes still running inside the chroot were all started by this test: end them by id.
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$chroot_dir" ] && kill -9 "${p#/proc/}" 2>/dev/null || true
    done
    # Unmount in reverse order; a busy mount is detached lazily rather than left behind.
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
      umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true
    done
    if grep -qF " $chroot_dir" /proc/self/mounts; then
      echo "error: mounts under $chroot_dir remain; not removing it" >&2
      rc=1
    else
      rm -rf "$chroot_dir"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

mount_in() { # mount_in ARGS... TARGET: mounts and records TARGET for the cleanup
  local target="${*: -1}"
  mkdir -p "$target"
  mount "$@"
  mounts+=("$target")
}

chroot_dir="$(mktemp -d /var/tmp/access-console-install.XXXXXX)"
if [ ! -f "$cache" ]; then
  say "Creating a clean $suite system with debootstrap from $mirror (once; cached in $cache)"
  debootstrap --variant=minbase "$suite" "$chroot_dir" "$mirror" >/dev/null
  awk '{ printf "deb %s %s main\n", $1, $2 }' <<<"$sources" >"$chroot_dir/etc/apt/sources.list"
  # A person to run the app as: its data folders are the ones the test allows to remain.
  chroot "$chroot_dir" useradd --create-home --shell /bin/bash clinic
  # Downloaded packages go to the shared archive folder (bind-mounted), so keep none here.
  rm -f "$chroot_dir"/var/cache/apt/archives/*.deb
  tar -C "$chroot_dir" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
else
  say "Unpacking the cached clean $suite system ($cache)"
  tar -C "$chroot_dir" -xf "$cache"
fi
# The root of a system (mktemp made it private): the person in it must reach /usr.
chmod 0755 "$chroot_dir"

say "Mounting /proc, /sys, /dev, /dev/pts, /dev/shm, /run, /tmp and the package archive in the chroot"
mkdir -p "$archives"
mount_in -t proc proc "$chroot_dir/proc"
mount_in -t sysfs -o ro sysfs "$chroot_dir/sys"
mount_in --bind /dev "$chroot_dir/dev"
mount_in -t devpts -o newinstance,ptmxmode=0666 devpts "$chroot_dir/dev/pts"
mount_in -t tmpfs -o mode=1777 shm "$chroot_dir/dev/shm"
mount_in -t tmpfs -o mode=0755 run "$chroot_dir/run"
mount_in -t tmpfs -o mode=1777 tmp "$chroot_dir/tmp"
mount_in --bind "$archives" "$chroot_dir/var/cache/apt/archives"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"

work="$chroot_dir/tmp/install"
mkdir -p "$work/artifacts"
cp "$deb" "$work/"
cp "$root"/tests/install/*.sh "$root"/tests/install/*.acprofile "$work/"
say "Running the install test inside the chroot"
chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  bash /tmp/install/inside.sh "/tmp/install/$(basename "$deb")" "$version"

# The screenshots are copied out when the chroot is taken down (the EXIT trap), so name them here.
say "Install test passed; screenshots (copied to tests/install/artifacts/ on exit): $(cd "$work/artifacts" && ls | tr '\n' ' ')"
