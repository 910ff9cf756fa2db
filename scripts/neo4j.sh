#!/usr/bin/env bash
# A real Neo4j Community 5.26 server for tests and for users who have none.
#
#   scripts/neo4j.sh start|stop|status|restart
#   scripts/neo4j.sh import DIR    (used by kg load --bulk)
#
# The first start fetches Neo4j and its jars from Maven Central (a few minutes) into
# .cache/neo4j/lib; later starts reuse them. Bolt listens on NEO4J_HOST:NEO4J_PORT
# (default 127.0.0.1:7687). NEO4J_INSTANCE (default "dev") names the data folder,
# .cache/neo4j/<instance>/, which also holds neo4j.log and neo4j.pid, so the test
# server (instance "test" on port 7688, see scripts/test.sh) never touches your data.
# The password is NEO4J_PASSWORD (default: the development password in
# kg/config.py) and is never printed. It runs as the user who starts it (no root
# needed); LOAD CSV may not read file:/// URLs
# (dbms.security.allow_csv_import_from_file_urls=false), and the import folder is
# its own, .cache/neo4j/<instance>/data/import/ (server.directories.import).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${NEO4J_CACHE:-$root/.cache/neo4j}
lib=$cache/lib
instance=${NEO4J_INSTANCE:-dev}
home=$cache/$instance
pidfile=$home/neo4j.pid
log=$home/neo4j.log
host=${NEO4J_HOST:-127.0.0.1}
port=${NEO4J_PORT:-7687}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-newskg-dev-password}
wait_seconds=${NEO4J_START_TIMEOUT:-180}

jvm_flags=(
  "-Xmx${NEO4J_HEAP:-2g}"
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
)

fetch() {
  if [ -f "$lib/.complete" ]; then return 0; fi
  echo "fetching Neo4j Community from Maven Central into $lib (first start only)..."
  rm -rf "$lib.partial"
  mvn -B -q -f "$root/scripts/neo4j/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib.partial"
  rm -rf "$lib"
  mv "$lib.partial" "$lib"
  touch "$lib/.complete"
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

start() {
  if running; then echo "neo4j already running (pid $(cat "$pidfile")) on bolt://$host:$port"; return 0; fi
  if port_open; then
    echo "error: something already listens on $host:$port; stop it or set NEO4J_PORT" >&2
    return 1
  fi
  fetch
  mkdir -p "$home/data"
  echo "starting neo4j on bolt://$host:$port (log: $log)"
  nohup java "${jvm_flags[@]}" -cp "$lib/*" "$root/scripts/neo4j/Launcher.java" "$home/data" "$host" "$port" \
    >"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq "$wait_seconds"); do
    if grep -q "neo4j ready" "$log" 2>/dev/null && port_open; then
      echo "neo4j is up"
      return 0
    fi
    if ! running; then
      echo "error: neo4j exited during start; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      rm -f "$pidfile"
      return 1
    fi
    sleep 1
  done
  echo "error: neo4j did not answer within ${wait_seconds}s; see $log" >&2
  return 1
}

stop() {
  if ! running; then echo "neo4j is not running"; rm -f "$pidfile"; return 0; fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 60); do
    if ! kill -0 "$pid" 2>/dev/null; then rm -f "$pidfile"; echo "neo4j stopped"; return 0; fi
    sleep 1
  done
  echo "neo4j did not stop in 60s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

status() {
  if running && port_open; then
    echo "neo4j running (pid $(cat "$pidfile")) on bolt://$host:$port"
  else
    echo "neo4j not running"
    return 3
  fi
}

# Neo4j's own bulk importer (neo4j-admin database import full, from neo4j-import-tool, already among the jars
# fetched above) on DIR/nodes-*.csv and DIR/relationships-*.csv, each with its own header line. It replaces
# the instance's database "neo4j" (kg load --bulk first checks over Bolt that it is empty), so the server is
# stopped for it and started again after. The system database, and so the password, stay.
import_csv() {
  dir=${1:?usage: $0 import DIR}
  fetch
  args=()
  for f in "$dir"/nodes-*.csv; do [ -e "$f" ] && args+=("--nodes=$f"); done
  for f in "$dir"/relationships-*.csv; do [ -e "$f" ] && args+=("--relationships=$f"); done
  if [ ${#args[@]} -eq 0 ]; then echo "error: no nodes-*.csv in $dir" >&2; return 2; fi
  stop >/dev/null
  mkdir -p "$home/data"
  echo "importing into bolt://$host:$port (instance $instance; log: $home/import.log)"
  if ! NEO4J_HOME="$home/data" java "-Xmx${NEO4J_IMPORT_HEAP:-1g}" "${jvm_flags[@]:1}" -cp "$lib/*" \
      org.neo4j.cli.AdminTool database import full neo4j --overwrite-destination=true --multiline-fields=true \
      --array-delimiter=U+001F --id-type=string --threads="${NEO4J_IMPORT_THREADS:-2}" \
      --max-off-heap-memory="${NEO4J_IMPORT_MEMORY:-1G}" --report-file="$home/import.report" \
      "${args[@]}" >"$home/import.log" 2>&1; then
    reason=$(grep -v -E '^\s+at |^\s*$' "$home/import.log" | grep -m1 -E 'Exception|Error|error|Invalid|duplicate' || true)
    echo "error: the bulk import failed (log: $home/import.log): ${reason:-see the log}" >&2
    start >/dev/null || true
    return 1
  fi
  start
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  fetch) fetch ;;
  import) import_csv "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|restart|fetch|import DIR" >&2; exit 2 ;;
esac
