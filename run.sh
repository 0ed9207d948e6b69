#!/usr/bin/env bash
# The run command: makes sure Redis answers at the configured address (installing and starting a local
# redis-server with its data under .data/redis, AOF on, when none does), installs the help-center page's Web Chat
# bundle and the agent console's SignalR client when they are missing, then starts the service.
set -euo pipefail
cd "$(dirname "$0")"

redis="${ConnectionStrings__Redis:-localhost:6379}"
endpoint="${redis%%,*}"
host="${endpoint%:*}"; port="${endpoint##*:}"
[ "$host" = "$endpoint" ] && port=6379

redis_answers() {
  (exec 3<>"/dev/tcp/$host/$port" && printf 'PING\r\n' >&3 && read -r -t 1 reply <&3 && [[ $reply == +PONG* || $reply == -NOAUTH* ]]) 2>/dev/null
}

if ! redis_answers; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "[run.sh] installing redis-server from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  mkdir -p .data/redis
  redis-server --port "$port" --bind 127.0.0.1 --dir "$PWD/.data/redis" --appendonly yes \
    --daemonize yes --pidfile "$PWD/.data/redis/redis.pid" --logfile "$PWD/.data/redis/redis.log"
  for _ in $(seq 50); do redis_answers && break; sleep 0.1; done
  echo "[run.sh] started redis-server on 127.0.0.1:$port (data in .data/redis)" >&2
fi

# The help-center page's Web Chat bundle (skipped when up to date). Without it the service still starts and "/"
# says the chat widget is missing.
tools/webchat/install.sh || echo "[run.sh] could not install the Web Chat bundle: '/' will say the chat widget is missing" >&2
# The agent console's SignalR client (skipped when up to date). Without it "/agent" says live updates are unavailable.
tools/signalr/install.sh || echo "[run.sh] could not install the SignalR client: '/agent' will say live updates are unavailable" >&2

export ConnectionStrings__Redis="$redis"
# A local run is a development run (a Direct Line secret is generated and logged, the demo token endpoint is on)
# unless the environment says otherwise.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-${ASPNETCORE_ENVIRONMENT:-Development}}"
# Demo agents for a development run, unless the environment configures agents itself (README, "Agents"):
# alice (refund, general; 2 chats), bob (all skills), sam (supervisor); passwords alice-pass-1234, bob-pass-1234,
# sam-pass-1234. Never outside Development.
if [ "$DOTNET_ENVIRONMENT" = Development ] && ! env | grep -q '^Handoff__Agents__'; then
  export Handoff__Agents__alice__Name=Alice Handoff__Agents__alice__Capacity=2 Handoff__Agents__alice__Skills__0=refund Handoff__Agents__alice__Skills__1=general \
    Handoff__Agents__alice__PasswordHash='AQAAAAIAAYagAAAAEF5zSUQ0sHE45zM9jnp17WVaeAIxyGtJ2NK7mDG0/q99+YgQ4lqnDHQhjmqbN8gvAw==' \
    Handoff__Agents__bob__Name=Bob \
    Handoff__Agents__bob__PasswordHash='AQAAAAIAAYagAAAAEC0/d16823Swrf94Y/CZ4x5b1wH5UdJZ60wj1VuHsn2Qy9qGH5sDDFs4DnvuPoqnbw==' \
    Handoff__Agents__sam__Name=Sam Handoff__Agents__sam__Role=supervisor \
    Handoff__Agents__sam__PasswordHash='AQAAAAIAAYagAAAAEFAqhfWVLXF+Z1C2RwJdietePU9/vTCTjOOVPehrt3JbIyQvt/Tj2Ot2dQ09XOPLKw=='
  echo "[run.sh] demo agents alice, bob, sam (passwords <login>-pass-1234)" >&2
fi
exec dotnet run --project src/Bot -c Release -- serve "$@"
