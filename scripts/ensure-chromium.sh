#!/bin/sh
# Makes sure the system Chromium (and CJK fonts for readable screenshots) is there
# for the browser tests. Quiet and quick when everything is already installed.
set -eu

have_fonts() {
  [ -n "$(find /usr/share/fonts -iname '*cjk*' -print -quit 2>/dev/null)" ]
}

if [ -x /usr/bin/chromium ] && have_fonts; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing chromium and fonts-noto-cjk with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  if [ -x /usr/bin/chromium ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi

if [ -x /usr/bin/chromium ]; then
  # Chromium works without the fonts; Chinese text in screenshots shows as boxes.
  echo "ensure-chromium: fonts-noto-cjk is missing; install it with: sudo apt-get install -y fonts-noto-cjk" >&2
  exit 0
fi

cat >&2 <<'MSG'
ensure-chromium: /usr/bin/chromium is missing. The browser tests drive the system Chromium.
Install it (Debian/Ubuntu) with:
  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk
MSG
exit 1
