#!/usr/bin/env bash
# Full sync after a first sign-in vs. reopening a kept (sealed) copy, 100,000 generated users,
# release build, through accessctl. Needs a D-Bus session with an unlocked keyring (scripts/test.sh
# shows how) and tests/node_modules (the scripted browser).
set -e
cd "$(dirname "$0")/.."
T="${CARGO_TARGET_DIR:-target}/release"
[ -x "$T/accessctl" ] && [ -x "$T/platform-emulator" ] || { echo "build first: cargo build --release -p platform-emulator -p accessctl" >&2; exit 1; }
export HOME=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d)
$T/platform-emulator --generate 100000 --port 47899 > /tmp/emu-measure.log 2>&1 &
emu=$!
trap 'kill $emu' EXIT
for i in $(seq 1 120); do (echo > /dev/tcp/127.0.0.1/47899) 2>/dev/null && break; sleep 0.5; done
export BROWSER=$PWD/tests/browser/scripted-browser.mjs SCRIPTED_BROWSER_LOGIN=olivia.owner@demo-clinic.test SCRIPTED_BROWSER_PASSWORD=owner-demo \
  SCRIPTED_BROWSER_TOTP_SECRET=OLIVIAOWNERDEMOTOTPSECRETAAAAAAA
cli=$T/accessctl
$cli profiles add Bench --api-base http://127.0.0.1:47899 --client-id access-console --scope console --scope offline_access >/dev/null
$cli --profile Bench login >/dev/null
s=$(date +%s.%N); $cli --profile Bench sync --json > /tmp/s1.json; e=$(date +%s.%N)
echo "first sign-in, full sync: $(echo "$e - $s" | bc) s $(cat /tmp/s1.json)"
$cli --profile Bench logout --keep-copy --json
s=$(date +%s.%N); $cli --profile Bench login >/dev/null; e=$(date +%s.%N)
echo "sign-in that unseals the kept copy: $(echo "$e - $s" | bc) s"
s=$(date +%s.%N); $cli --profile Bench sync --json > /tmp/s2.json; e=$(date +%s.%N)
echo "sync of the kept copy: $(echo "$e - $s" | bc) s $(cat /tmp/s2.json)"
$cli --profile Bench logout --json
ls -la $XDG_DATA_HOME/access-console/cache/cli/Bench/ 2>&1 | tail -3
