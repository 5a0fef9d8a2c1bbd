#!/usr/bin/env bash
# Installs what `npm run screenshots` needs on Debian/Ubuntu: the distribution's Chromium
# (driven by playwright-core; nothing is downloaded by npm) and a CJK font (without one,
# Chinese renders as boxes). Idempotent: installs only what is missing. Runs as root or
# through sudo.
set -euo pipefail

packages=(chromium fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "screenshots setup: need root or sudo to install ${missing[*]}" >&2
    exit 1
  fi
  echo "screenshots setup: installing ${missing[*]}"
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -q
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "screenshots setup: no Chromium at $chromium" >&2
  exit 1
fi
# Debian's wrapper script prints a harmless shell warning on some machines: keep stdout only.
echo "screenshots setup: $("$chromium" --version 2>/dev/null), fonts-noto-cjk $(dpkg-query -W -f='${Version}' fonts-noto-cjk)"
