#!/usr/bin/env bash
# Ingest and delivery benchmark, side by side with its baselines, all measured in one run on this machine:
#   1. PostgreSQL ceiling: pgbench runs the ingest transaction itself (key + event + 2 deliveries)
#   2. HTTP baseline: GET /actuator/info on the same service (Tomcat + Spring Security, no Camel, no database)
#   3. acknowledging new signed events, deliveries paused (verify, parse, one transaction, answer)
#   4. acknowledging one event sent again and again ("Event already processed")
#  4b. refusing one event with a wrong signature, again and again (401): a refusal must cost no more than step 4
#   5. delivering the backlog of step 3 to an ERP stub and the ledger, nothing else running
#   6. new signed events while their deliveries run: the sustained end-to-end rate
# Needs: java, mvn, python3, wrk, pgbench, psql, curl and a PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432,
# user postgres). Usage: bench/run.sh [seconds per step, default 20] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-16}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export THREADS=2
SECRET=whsec_benchmark
DB=bench_$(date +%s)
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
ERP_PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

for tool in java mvn python3 wrk pgbench psql curl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install wrk)"; exit 1; }
done
[ -f target/paymentflow-webhooks.jar ] || mvn -q -DskipTests package

stop_service() {
    if [ -n "${APP_PID:-}" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
    fi
}
cleanup() {
    stop_service
    [ -n "${ERP_PID:-}" ] && kill "$ERP_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_ceiling WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

start_service() {
    WEBHOOK_SECRET=$SECRET SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER \
    ERP_URL="http://127.0.0.1:$ERP_PORT/erp" SMTP_HOST=127.0.0.1 SMTP_PORT=1 EMAIL_FROM=billing@merchant.example \
    SERVER_PORT=$PORT java -jar target/paymentflow-webhooks.jar "$@" >> "$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "$URL/actuator/health" >/dev/null && return 0
        sleep 1
    done
    tail -50 "$WORK/app.log"
    exit 1
}
sql() { psql -At -d "$DB" -c "$1"; }
undelivered() { sql "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'failed')"; }
rate() { awk '/Requests\/sec/ {print $2}'; }
latency() { awk '$1 == "Latency" && $2 ~ /[0-9]/ {printf "%s avg", $2} / 99%/ {printf ", %s p99", $2}'; }
non2xx() { awk 'BEGIN {n = 0} /Non-2xx/ {n = $NF} END {print n}'; }
post_events() { EVENTS_FILE="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s bench/signed-events.lua "$URL"; }

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
# the ceiling runs in a database of its own with the same schema, so that the service never sees its rows
psql -q -d postgres -c "CREATE DATABASE ${DB}_ceiling" >/dev/null
for migration in src/main/resources/db/migration/V*.sql; do psql -q -d "${DB}_ceiling" -f "$migration" >/dev/null; done
python3 -c "
import http.server
class Erp(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers(); self.wfile.write(b'{}')
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(('127.0.0.1', $ERP_PORT), Erp).serve_forever()" &
ERP_PID=$!
for name in warm-up:30000 paused:400000 sustained:400000 duplicate:1; do
    python3 bench/make_events.py "$SECRET" "${name#*:}" "$WORK/${name%:*}.tsv"
done

# deliveries paused: the pollers look for work once an hour
start_service --paymentflow.delivery.poll-interval-ms=3600000
EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c4 -d3s -s bench/signed-events.lua "$URL" >/dev/null
post_events "$WORK/warm-up.tsv" 5s >/dev/null

echo "== 1. PostgreSQL ceiling: pgbench, $CONNECTIONS clients, the ingest transaction"
PG=$(pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f bench/ingest.pgbench "${DB}_ceiling" 2>&1)
echo "$(echo "$PG" | awk '/^tps/ {printf "%.0f", $3; exit}') tps, $(echo "$PG" | awk '/latency average/ {print $4}') ms avg"

echo "== 2. HTTP baseline: GET /actuator/info"
INFO=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL/actuator/info")
echo "$(echo "$INFO" | rate) req/s, $(echo "$INFO" | latency)"

echo "== 3. acknowledging new signed events (deliveries paused)"
BEFORE=$(sql "SELECT count(*) FROM inbound_events")
NEW=$(post_events "$WORK/paused.tsv" "${DURATION}s")
echo "$(echo "$NEW" | rate) req/s, $(echo "$NEW" | latency), non-2xx: $(echo "$NEW" | non2xx), stored: $(( $(sql "SELECT count(*) FROM inbound_events") - BEFORE ))"

echo "== 4. acknowledging the same event again"
DUP=$(EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signed-events.lua "$URL")
echo "$(echo "$DUP" | rate) req/s, $(echo "$DUP" | latency), non-2xx: $(echo "$DUP" | non2xx)"

echo "== 4b. refusing a forged event again and again (wrong signature)"
REFUSED=$(EVENTS_FILE="$WORK/duplicate.tsv" FORGED=1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signed-events.lua "$URL")
echo "$(echo "$REFUSED" | rate) req/s, $(echo "$REFUSED" | latency), non-2xx: $(echo "$REFUSED" | non2xx) (all of them: 401)"

echo "== 5. delivering the backlog (ERP stub and ledger), nothing else running"
stop_service
BACKLOG=$(undelivered)
start_service
START=$(date +%s.%N)
for _ in $(seq 1 900); do
    [ "$(undelivered)" = 0 ] && break
    sleep 1
done
END=$(date +%s.%N)
echo "$BACKLOG deliveries in $(python3 -c "print(round($END - $START, 1))") s: $(python3 -c "print(round($BACKLOG / ($END - $START)))") deliveries/s" \
     "($(sql "SELECT count(*) FROM deliveries WHERE status = 'dead'") dead)"

echo "== 6. new signed events while their deliveries run (sustained end to end)"
START=$(date +%s.%N)
BEFORE=$(sql "SELECT count(*) FROM deliveries WHERE status = 'delivered'")
LIVE=$(post_events "$WORK/sustained.tsv" "${DURATION}s")
for _ in $(seq 1 900); do
    [ "$(undelivered)" = 0 ] && break
    sleep 1
done
END=$(date +%s.%N)
DELIVERED=$(( $(sql "SELECT count(*) FROM deliveries WHERE status = 'delivered'") - BEFORE ))
echo "$(echo "$LIVE" | rate) req/s acknowledged, $(echo "$LIVE" | latency), non-2xx: $(echo "$LIVE" | non2xx);" \
     "$DELIVERED deliveries done $(python3 -c "print(round($END - $START, 1))") s after the load began"

echo "== check: ledger rows $(sql "SELECT count(*) FROM ledger_entries") = events $(sql "SELECT count(*) FROM inbound_events"), duplicate bookings $(sql "SELECT count(*) - count(DISTINCT event_id) FROM ledger_entries")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), PostgreSQL $(psql -At -d postgres -c 'SHOW server_version'), wrk and PostgreSQL on the same machine"
