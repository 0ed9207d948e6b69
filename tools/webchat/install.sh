#!/usr/bin/env bash
# Puts the Bot Framework Web Chat bundle the help-center page loads at src/Bot/wwwroot/vendor/webchat.js.
# The version is pinned by package.json and package-lock.json beside this script (npm ci); only dist/webchat.js and
# its licence file are copied (the package also holds a 147 MB stats.json). Nothing here is committed: the folder is
# git-ignored. A stamp with the lock file's hash skips the install when the bundle is already the pinned one, and
# node_modules is removed afterwards (about 0.5 GB); npm's own cache keeps a reinstall quick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vendor="$here/../../src/Bot/wwwroot/vendor"
bundle="$vendor/webchat.js"
stamp="$here/.installed"

log() { printf '[webchat] %s\n' "$*" >&2; }

want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ -s "$bundle" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  log "npm is missing: installing Debian's npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

log "installing botframework-webchat from package-lock.json (npm ci)"
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
dist="$here/node_modules/botframework-webchat/dist"
version=$(node -p "require('$here/node_modules/botframework-webchat/package.json').version")

mkdir -p "$vendor"
cp "$dist/webchat.js" "$bundle.tmp"
cp "$dist/webchat.js.LICENSE.txt" "$vendor/webchat.js.LICENSE.txt"
mv "$bundle.tmp" "$bundle"
echo "$want" >"$stamp"
rm -rf "$here/node_modules"
log "botframework-webchat $version → src/Bot/wwwroot/vendor/webchat.js ($(du -k "$bundle" | cut -f1) KB)"
