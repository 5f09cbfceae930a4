#!/usr/bin/env bash
# Start one Selenium Grid 4 process in the foreground: `run.sh hub`, `run.sh node` or `run.sh standalone`.
#
# Settings (environment; defaults are a one-machine Grid on loopback):
#   SELENIUM_SERVER_JAR      the jar (default: the one `make grid-jar` installs under .cache/)
#   GRID_HOST                address this process binds and advertises (default 127.0.0.1)
#   GRID_HUB                 node only: the hub's host name or IP (default 127.0.0.1)
#   GRID_HUB_PORT            the hub's port, and the standalone's (default 4444)
#   GRID_EVENT_PUBLISH_PORT  the hub's event bus, publish side (default 4442)
#   GRID_EVENT_SUBSCRIBE_PORT the hub's event bus, subscribe side (default 4443)
#   GRID_NODE_PORT           node only: its port (default 5555)
#   GRID_NODE_CONFIG         node and standalone: the TOML (default: node.toml beside this script)
#   GRID_REGISTRATION_SECRET a secret hub and nodes share; a node without it cannot register (default: none)
#   JAVA_OPTS                extra JVM options, e.g. -Xmx512m
# Any further arguments go to the server as they are (e.g. --log-level FINE).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${SELENIUM_SERVER_JAR:-$repo/.cache/selenium-server/node_modules/@nightwatch/selenium-server/lib/selenium-server-4.20.0.jar}"
host="${GRID_HOST:-127.0.0.1}"
hub="${GRID_HUB:-127.0.0.1}"
hub_port="${GRID_HUB_PORT:-4444}"
publish="${GRID_EVENT_PUBLISH_PORT:-4442}"
subscribe="${GRID_EVENT_SUBSCRIBE_PORT:-4443}"
node_port="${GRID_NODE_PORT:-5555}"
node_config="${GRID_NODE_CONFIG:-$here/node.toml}"

role="${1:-}"
[ $# -gt 0 ] && shift
if [ ! -f "$jar" ]; then
  echo "run.sh: the Selenium server jar is missing at $jar (run 'make grid-jar', or set SELENIUM_SERVER_JAR)" >&2
  exit 2
fi
command -v java >/dev/null || { echo "run.sh: java (17 or later) is not on PATH" >&2; exit 2; }

secret=()
[ -n "${GRID_REGISTRATION_SECRET:-}" ] && secret=(--registration-secret "$GRID_REGISTRATION_SECRET")
common=(--host "$host" --tracing false "${secret[@]}")

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
case "$role" in
  hub)
    exec java ${JAVA_OPTS:-} -jar "$jar" hub --config "$here/hub.toml" "${common[@]}" --port "$hub_port" \
      --publish-events "tcp://$host:$publish" --subscribe-events "tcp://$host:$subscribe" "$@" ;;
  node)
    exec java ${JAVA_OPTS:-} -jar "$jar" node --config "$node_config" "${common[@]}" --port "$node_port" \
      --hub "http://$hub:$hub_port" --publish-events "tcp://$hub:$publish" \
      --subscribe-events "tcp://$hub:$subscribe" "$@" ;;
  standalone)
    exec java ${JAVA_OPTS:-} -jar "$jar" standalone --config "$node_config" "${common[@]}" --port "$hub_port" "$@" ;;
  *)
    echo "usage: run.sh hub|node|standalone [server options]" >&2
    exit 2 ;;
esac
