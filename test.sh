#!/usr/bin/env bash
# The test command: installs what the tests need (redis-server, chromium, a CJK font, the Web Chat and SignalR bundles), starts a
# throwaway redis-server on a free port, runs every test in the solution, stops what it started (also on failure),
# exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# Debian packages the tests need, installed once: redis-server; chromium for the browser tests (driven by
# Microsoft.Playwright's own driver, so no "playwright install") and a CJK font, or Chinese renders as boxes.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null 2>&1; then
  log "installing nodejs and npm from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# The unmodified botframework-directlinejs client the protocol tests drive (pinned by its lock file).
if [ ! -d tests/DirectLine.Client/node_modules ] || [ tests/DirectLine.Client/package-lock.json -nt tests/DirectLine.Client/node_modules ]; then
  log "installing the Direct Line test client from npm"
  (cd tests/DirectLine.Client && npm ci --silent --no-audit --no-fund)
fi
# The help-center page's Web Chat bundle and the agent console's SignalR client (npm, pinned by the lock files beside
# the scripts; skipped when up to date).
tools/webchat/install.sh
tools/signalr/install.sh

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for candidate in $(shuf -i 20000-60000 -n 50); do
  if port_is_free "$candidate"; then port=$candidate; break; fi
done
[ -n "$port" ] || { log "no free port found"; exit 1; }

work=$(mktemp -d /tmp/servicebot-test.XXXXXX)
cleanup() {
  if [ -f "$work/redis.pid" ]; then kill "$(cat "$work/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'PING\r\n' >&3 && read -r -t 1 reply <&3 && [[ $reply == +PONG* ]]) 2>/dev/null; then break; fi
  sleep 0.1
done
log "redis-server on 127.0.0.1:$port"

export SERVICEBOT_TEST_REDIS="127.0.0.1:$port"
export ConnectionStrings__Redis="127.0.0.1:$port"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

status=0
# One test project at a time (-m:1): the fault and browser suites time what they see, and on two cores a second
# project running beside them would be measured too.
dotnet test ServiceBot.sln -c Release -m:1 2>&1 | tee "$work/test.log" || status=$?

# One plain closing line over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then log "no test ran"; status=1; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
