#!/usr/bin/env bash
# Builds the Debian package of the desktop app with the Tauri bundler (release build, web view
# embedded) and prints where it is. What goes into it is configured in src-tauri/tauri.conf.json
# ("bundle"): desktop entry (src-tauri/linux/access-console.desktop), icons, the .acprofile file
# association and its shared-mime-info type, and the runtime dependencies. The version is the
# workspace's (Cargo.toml), the only place it is written.
#   scripts/package.sh             installs what is missing (apt, npm), then builds
#   scripts/package.sh --no-setup  builds only (setup already done, e.g. from scripts/test.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "${1:-}" != "--no-setup" ]; then
  "$root/scripts/setup.sh"
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"

# The workspace's version ([workspace.package] in Cargo.toml): tauri.conf.json has none, so the
# bundler takes the app crate's, which inherits this one.
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)"
say "Building the web view (ui/dist, embedded in the binary)"
npm --prefix ui run build --silent >/dev/null
say "Building the release app and its .deb (version $version from Cargo.toml; a cold build takes ~10 min)"
# From the repository root: inside ui/ the Tauri CLI does not find the project. Its
# beforeBuildCommand is dropped here because the CLI runs it in the first folder with a
# package.json it finds (tests/), and the web view was built just above.
npm --prefix ui exec -- tauri build --bundles deb --config '{"build": {"beforeBuildCommand": null}}'

# The bundler names the file after the product ("Access Console_…"); Debian's convention, and
# the README's install command, use the package name.
bundle_dir="$CARGO_TARGET_DIR/release/bundle/deb"
deb="$bundle_dir/access-console_${version}_amd64.deb"
[ -f "$bundle_dir/Access Console_${version}_amd64.deb" ] || { echo "error: the bundler wrote no .deb in $bundle_dir" >&2; exit 1; }
mv -f "$bundle_dir/Access Console_${version}_amd64.deb" "$deb"
say "Checking what the package holds"
listing="$(dpkg-deb --contents "$deb")"
for want in usr/bin/access-console "usr/share/applications/Access Console.desktop" \
  usr/share/mime/packages/access-console.xml usr/share/icons/hicolor/16x16/apps/access-console.png \
  usr/share/icons/hicolor/512x512/apps/access-console.png; do
  grep -qE -- " \.?/?$want\$" <<<"$listing" || { echo "error: the package lacks $want" >&2; exit 1; }
done
[ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || { echo "error: the package's version is not $version" >&2; exit 1; }
say "Package: $deb ($(du -h "$deb" | cut -f1); version $version)"
echo "Depends: $(dpkg-deb --field "$deb" Depends)"
echo "Recommends: $(dpkg-deb --field "$deb" Recommends)"
echo "Install it with: sudo apt install $deb"
