# Sourced by tools/<name>/install.sh: what every vendored npm bundle shares. The caller sets here (its folder, with
# package.json and package-lock.json pinning the version), name (for the log) and bundle (the file it puts under
# src/Bot/wwwroot/vendor). A stamp with the lock file's hash skips the install when the bundle is already the pinned
# one; node_modules is removed afterwards, and npm's own cache keeps a reinstall quick. Nothing produced is committed.
vendor="$here/../../src/Bot/wwwroot/vendor"
stamp="$here/.installed"
want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)

log() { printf '[%s] %s\n' "$name" "$*" >&2; }

# True when the pinned bundle is already in place.
bundle_is_current() { [ -s "$bundle" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }

# npm ci of the pinned package (Debian's npm installed first when missing).
install_pinned() {
  if ! command -v npm >/dev/null 2>&1; then
    log "npm is missing: installing Debian's npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  log "installing $1 from package-lock.json (npm ci)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  mkdir -p "$vendor"
}

# Moves "$bundle.tmp" into place, stamps it and removes node_modules; $1 names the package and its version.
finish_bundle() {
  mv "$bundle.tmp" "$bundle"
  echo "$want" >"$stamp"
  rm -rf "$here/node_modules"
  log "$1 → src/Bot/wwwroot/vendor/$(basename "$bundle") ($(du -k "$bundle" | cut -f1) KB)"
}
