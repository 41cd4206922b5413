#!/usr/bin/env bash
# Ingest benchmark, side by side with its baselines, all measured in the same run on the same machine:
#   1. PostgreSQL ceiling: pgbench runs the ingest transaction itself (key + event + 2 deliveries)
#   2. HTTP baseline: GET /actuator/info on the same service (Tomcat + Spring, no Camel, no database)
#   3. the webhook endpoint with new signed events (verify, parse, store in one transaction, answer)
#   4. the webhook endpoint with one event sent again and again ("Event already processed")
# and how long the background deliveries of the new events take to drain (ERP stub + ledger).
# Needs: java, mvn, python3, wrk, pgbench, psql, a PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres).
# Usage: bench/run.sh [seconds per step, default 20] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-16}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
SECRET=whsec_benchmark
DB=bench_$(date +%s)
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ERP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

for tool in java mvn python3 wrk pgbench psql; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install wrk)"; exit 1; }
done
[ -f target/paymentflow-webhooks.jar ] || mvn -q -DskipTests package

cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    [ -n "${ERP_PID:-}" ] && kill "$ERP_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_ceiling WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
# the ceiling runs in a database of its own with the same schema, so that the service never sees its rows
psql -q -d postgres -c "CREATE DATABASE ${DB}_ceiling" >/dev/null
for migration in src/main/resources/db/migration/V*.sql; do psql -q -d "${DB}_ceiling" -f "$migration" >/dev/null; done
python3 -c "
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers(); self.wfile.write(b'{}')
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', $ERP_PORT), H).serve_forever()" &
ERP_PID=$!

WEBHOOK_SECRET=$SECRET SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
ERP_URL="http://127.0.0.1:$ERP_PORT/erp" SMTP_HOST=127.0.0.1 SMTP_PORT=1 EMAIL_FROM=billing@merchant.example \
SERVER_PORT=$PORT java -jar target/paymentflow-webhooks.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
    sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

python3 bench/make_events.py "$SECRET" 400000 "$WORK/events.tsv"
python3 bench/make_events.py "$SECRET" 1 "$WORK/duplicate.tsv"
EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c4 -d3s -s bench/signed-events.lua "http://127.0.0.1:$PORT" >/dev/null
EVENTS_FILE="$WORK/events.tsv" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/signed-events.lua "http://127.0.0.1:$PORT" >/dev/null  # warm-up

rate() { awk '/Requests\/sec/ {print $2}'; }
latency() { awk '/Latency/ {print $2 " avg, " $4 " max"}'; }
non2xx() { awk '/Non-2xx/ {print $NF}'; }

echo "== 1. PostgreSQL ceiling: pgbench, $CONNECTIONS clients, the ingest transaction"
PG=$(pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f bench/ingest.pgbench "${DB}_ceiling" 2>&1)
PG_TPS=$(echo "$PG" | awk '/^tps/ {print $3; exit}')
PG_LAT=$(echo "$PG" | awk '/latency average/ {print $4 " ms"}')
echo "$PG_TPS tps, latency $PG_LAT"

echo "== 2. HTTP baseline: GET /actuator/info"
INFO=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$PORT/actuator/info")
echo "$(echo "$INFO" | rate) req/s, latency $(echo "$INFO" | latency)"

LOAD_START=$(date +%s.%N)
echo "== 3. POST /webhooks/paymentflow, new signed events"
NEW=$(EVENTS_FILE="$WORK/events.tsv" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signed-events.lua "http://127.0.0.1:$PORT")
echo "$(echo "$NEW" | rate) req/s, latency $(echo "$NEW" | latency), p99 $(echo "$NEW" | awk '/ 99%/ {print $2}'), non-2xx: $(echo "$NEW" | non2xx)"

echo "== 4. POST /webhooks/paymentflow, the same event again"
DUP=$(EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/signed-events.lua "http://127.0.0.1:$PORT")
echo "$(echo "$DUP" | rate) req/s, latency $(echo "$DUP" | latency), non-2xx: $(echo "$DUP" | non2xx)"

echo "== 5. background delivery of the new events to the ERP stub and the ledger"
LOAD_END=$(date +%s.%N)
for _ in $(seq 1 600); do
    LEFT=$(psql -At -d "$DB" -c "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'failed')")
    [ "$LEFT" = 0 ] && break
    sleep 1
done
END=$(date +%s.%N)
TOTAL=$(psql -At -d "$DB" -c "SELECT count(*) FROM deliveries WHERE status = 'delivered'")
DEAD=$(psql -At -d "$DB" -c "SELECT count(*) FROM deliveries WHERE status = 'dead'")
echo "$TOTAL deliveries delivered ($LEFT left, $DEAD dead), drained $(python3 -c "print(round($END-$LOAD_END,1))") s after the load stopped:" \
     "$(python3 -c "print(round($TOTAL/($END-$LOAD_START)))") deliveries/s since the load started"
echo "ledger rows: $(psql -At -d "$DB" -c "SELECT count(*) FROM ledger_entries"), events stored: $(psql -At -d "$DB" -c "SELECT count(*) FROM inbound_events WHERE event_id LIKE 'evt_bench_%'")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -At -d postgres -c 'SHOW server_version')"
