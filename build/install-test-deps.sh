#!/bin/sh
# Installs what the browser tests need on a fresh Debian machine: Debian's own Chromium and chromedriver.
# The tests point Selenium at /usr/bin/chromium and /usr/bin/chromedriver explicitly, so nothing is
# downloaded at test time. Idempotent: does nothing when both are present. Runs as root without a TTY
# (CI), or through sudo when run by another user.
set -eu

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    echo "install-test-deps: $CHROMIUM and $CHROMEDRIVER already present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
else
    echo "install-test-deps: run as root (or install sudo): apt-get install chromium chromium-driver" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver

for f in "$CHROMIUM" "$CHROMEDRIVER"; do
    if [ ! -x "$f" ]; then
        echo "install-test-deps: $f still missing after apt-get install" >&2
        exit 1
    fi
done
echo "install-test-deps: $("$CHROMIUM" --version 2>/dev/null || echo chromium); $("$CHROMEDRIVER" --version 2>/dev/null || echo chromedriver)"
