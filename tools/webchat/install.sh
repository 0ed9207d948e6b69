#!/usr/bin/env bash
# Puts the Bot Framework Web Chat bundle the help-center page loads at src/Bot/wwwroot/vendor/webchat.js.
# The version is pinned by package.json and package-lock.json beside this script (npm ci); only dist/webchat.js and
# its licence file are copied (the package also holds a 147 MB stats.json, and node_modules is about 0.5 GB).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=webchat
bundle="$here/../../src/Bot/wwwroot/vendor/webchat.js"
source "$here/../npm-bundle.sh"
bundle_is_current && exit 0

install_pinned botframework-webchat
dist="$here/node_modules/botframework-webchat/dist"
version=$(node -p "require('$here/node_modules/botframework-webchat/package.json').version")
cp "$dist/webchat.js" "$bundle.tmp"
cp "$dist/webchat.js.LICENSE.txt" "$vendor/webchat.js.LICENSE.txt"
finish_bundle "botframework-webchat $version"
