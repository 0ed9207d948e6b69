#!/usr/bin/env bash
# Puts the ASP.NET Core SignalR JavaScript client the agent console loads at src/Bot/wwwroot/vendor/signalr.js.
# The version is pinned by package.json and package-lock.json beside this script (npm ci); only the browser bundle
# dist/browser/signalr.min.js is copied (about 50 KB; it sets window.signalR).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=signalr
bundle="$here/../../src/Bot/wwwroot/vendor/signalr.js"
source "$here/../npm-bundle.sh"
bundle_is_current && exit 0

install_pinned @microsoft/signalr
package="$here/node_modules/@microsoft/signalr"
version=$(node -p "require('$package/package.json').version")
# The bundle names its source map, which is not copied: drop the comment, or devtools asks for a missing file.
sed '/^\/\/# sourceMappingURL=/d' "$package/dist/browser/signalr.min.js" >"$bundle.tmp"
finish_bundle "@microsoft/signalr $version"
