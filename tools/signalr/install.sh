#!/usr/bin/env bash
# Puts the ASP.NET Core SignalR JavaScript client the agent console loads at src/Bot/wwwroot/vendor/signalr.js.
# The version is pinned by package.json and package-lock.json beside this script (npm ci); only the browser bundle
# dist/browser/signalr.min.js is copied (about 50 KB; it sets window.signalR). Nothing here is committed: the folder is
# git-ignored. A stamp with the lock file's hash skips the install when the bundle is already the pinned one, and
# node_modules is removed afterwards; npm's own cache keeps a reinstall quick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vendor="$here/../../src/Bot/wwwroot/vendor"
bundle="$vendor/signalr.js"
stamp="$here/.installed"

log() { printf '[signalr] %s\n' "$*" >&2; }

want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ -s "$bundle" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  log "npm is missing: installing Debian's npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

log "installing @microsoft/signalr from package-lock.json (npm ci)"
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
package="$here/node_modules/@microsoft/signalr"
version=$(node -p "require('$package/package.json').version")

mkdir -p "$vendor"
# The bundle names its source map, which is not copied: drop the comment, or devtools asks for a missing file.
sed '/^\/\/# sourceMappingURL=/d' "$package/dist/browser/signalr.min.js" >"$bundle.tmp"
mv "$bundle.tmp" "$bundle"
echo "$want" >"$stamp"
rm -rf "$here/node_modules"
log "@microsoft/signalr $version → src/Bot/wwwroot/vendor/signalr.js ($(du -k "$bundle" | cut -f1) KB)"
