#!/usr/bin/env bash
# The browser tests as CI runs them: installs Debian's chromium when it is
# missing (CI runs as root; nothing else downloads a browser), then runs
# `npm run test:browser`. Needs `npm ci` done first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ci-browser: /usr/bin/chromium is missing and installing it needs root: run 'apt-get install -y chromium' as root" >&2
    exit 1
  fi
  echo "ci-browser: installing Debian's chromium" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

npm run test:browser
