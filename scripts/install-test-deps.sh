#!/usr/bin/env bash
# Installs what `make test` needs beyond the build: Node.js, npm and
# Chromium (the console's browser tests) from Debian, then the JavaScript clients pinned in tests/integration/package.json
# (exact versions from its package-lock.json). Safe to run again: it does
# nothing when everything is in place. Uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci installs exactly the lock file's tree. A copy of the lock file in
# node_modules records what was installed, so a second run does nothing.
tests=tests/integration
if ! cmp -s $tests/package-lock.json $tests/node_modules/.installed-lock.json; then
  echo "Installing the integration tests' JavaScript clients (npm ci)"
  npm ci --prefix $tests --no-audit --no-fund --loglevel=error
  cp $tests/package-lock.json $tests/node_modules/.installed-lock.json
fi
