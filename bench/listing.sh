#!/usr/bin/env bash
# The operations API's delivery listing on a large database: EVENTS events received over 29 days (within the default
# retention), two deliveries each (ERP and ledger), all delivered but the ERP's of a 2-hour outage a week ago (dead,
# one in ten failed), nothing pending. Made with SQL, not through HTTP. Then each listing an operator uses in an incident, through
# GET /api/deliveries on a service that only receives (no poller changes a row): the best and the median of 5 calls.
# Needs: java, python3, curl, psql, a PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres).
# Usage: bench/listing.sh [events, default 2000000]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-2000000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=listing_$(date +%s)
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PASSWORD=bench-$RANDOM$RANDOM

for tool in java python3 curl psql; do
    command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 1; }
done
[ -f target/paymentflow-webhooks.jar ] || mvn -q -DskipTests package

cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
# the service makes the schema (Flyway), then the rows are added
WEBHOOK_SECRET=whsec_listing SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
SPRING_DATASOURCE_USERNAME=$PGUSER MANAGEMENT_PASSWORD=$PASSWORD ERP_URL=http://127.0.0.1:1/erp SMTP_HOST=127.0.0.1 \
SMTP_PORT=1 EMAIL_FROM=billing@merchant.example SERVER_PORT=$PORT \
java -jar target/paymentflow-webhooks.jar --paymentflow.delivery.enabled=false > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

START=$(date +%s)
psql -q -d "$DB" -v events="$EVENTS" <<'SQL'
INSERT INTO inbound_events (event_id, event_type, payload, signature, received_at)
SELECT 'evt_listing_' || n, (ARRAY['payment.succeeded', 'payment.failed', 'refund.created'])[1 + n % 3],
       convert_to('{}', 'UTF8'), repeat('0', 64), now() - interval '29 days' * n / :events
FROM generate_series(1, :events) AS n;
-- the ERP deliveries of a 2-hour outage a week ago dead, one in ten failed (due in an hour); the rest delivered
-- (created with their event, as the ingest statement does: created_at is the event's received_at)
INSERT INTO deliveries (event_id, destination, status, attempts, next_attempt_at, delivered_at, created_at)
SELECT e.event_id, d.destination,
       CASE WHEN d.destination = 'erp' AND e.received_at BETWEEN now() - interval '7 days' - interval '2 hours'
                                                             AND now() - interval '7 days'
            THEN (CASE WHEN random() < 0.1 THEN 'failed' ELSE 'dead' END)
            ELSE 'delivered' END,
       1, now() + interval '1 hour', now(), e.received_at
FROM inbound_events e, unnest(ARRAY['erp', 'ledger']) AS d(destination);
ANALYZE;
SQL
echo "made $EVENTS events in $(( $(date +%s) - START )) s: $(psql -At -d "$DB" -c "SELECT string_agg(status || ' ' || n, ', ')
    FROM (SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status) s")"

# list QUERY: the best and the median time of 5 calls, and how many rows the last one answered
list() {
    local times=() rows
    for _ in 1 2 3 4 5; do
        times+=("$(curl -s -o "$WORK/answer.json" -w '%{time_total}' -u "operator:$PASSWORD" \
            "http://127.0.0.1:$PORT/api/deliveries?$1")")
    done
    rows=$(python3 -c "import json; print(len(json.load(open('$WORK/answer.json'))['deliveries']))")
    python3 -c "
import statistics; t = sorted(float(x) * 1000 for x in '${times[*]}'.split())
print(f'{\"$1\":<50} best {t[0]:8.1f} ms, median {statistics.median(t):8.1f} ms, {$rows} rows')"
}
list "limit=100"
list "status=dead&limit=100"
list "status=dead&destination=erp&limit=100"
list "status=dead&eventType=refund.created&limit=100"
list "status=failed&limit=100"
list "status=pending&limit=100"
list "status=delivered&destination=ledger&limit=100"
list "eventType=refund.created&limit=100"
# a backlog: the ERP deliveries of the newest 100,000 events pending (the ERP down for the last hours)
psql -q -d "$DB" -c "UPDATE deliveries SET status = 'pending', delivered_at = NULL
    WHERE destination = 'erp' AND event_id IN (SELECT event_id FROM inbound_events ORDER BY received_at DESC LIMIT 100000)" \
    -c "ANALYZE deliveries"
echo "with 100,000 ERP deliveries pending:"
list "status=pending&limit=100"
list "status=pending&destination=erp&limit=100"
list "status=dead&limit=100"
