#!/usr/bin/env bash
# Ingest and delivery benchmark, side by side with its ceilings, all measured in one run on this machine:
#   1. PostgreSQL ceiling: pgbench runs the ingest statement itself (key + event + 2 deliveries); 1b. the same as a
#      transaction of four statements, as the service did it before
#   2. HTTP baseline: GET /actuator/info on the same service (Tomcat + Spring Security, no Camel, no database)
#   3. acknowledging new signed events, this instance only receiving (no pollers); steps 2 to 4b also give the CPU
#      a request costs the JVM and PostgreSQL, and step 3 the ratio to step 2 that this CPU allows
#   4. acknowledging one event sent again and again ("Event already processed")
#  4b. refusing one event with a wrong signature, again and again (401): a refusal must cost no more than step 4
#   5. delivering the backlog of step 3 to an ERP stub and the ledger, nothing else running; 5b. how soon an idle
#      service delivers an event after its answer
#   6. new signed events while their deliveries run: the sustained end-to-end rate, and the drain after the load
#  6b. the same, paced at the target rate (0.4 x the ceiling): the answers' latency at that rate
#   7. the realistic mix (70 % payment.succeeded, 20 % payment.failed with its e-mail, 10 % refund.created) with an
#      SMTP sink, while deliveries run, and the drain after the load
#   8. every destination down (ERP and mail server refusing connections, the ledger's trigger refusing bookings):
#      deliveries fail and retry with backoff, against a reference measured just before on a fresh receive-only
#      instance warmed up the same way; 8b. the same with the ledger still booking
#   9. two instances on one database delivering one backlog: the rate, and that nothing went out twice
#  10. acknowledging new events with 10 million idempotency keys stored (made with SQL), against an empty database
#      loaded in turn with it
# Every measured step runs on a warmed-up instance (steps 2 and 3: each path loaded until its rate stops rising;
# the others: its path exercised for WARM_UP seconds with events of its own),
# then the JIT's compile queues awaited (jcmd Compiler.queue): on two cores a C2 compile queue still full takes a
# quarter of the machine, and would be measured as the service's cost. Drains (5, 9) start on fresh instances and
# are also given from their 10th second on.
# Needs: java, jcmd, mvn, python3, wrk, pgbench, psql, curl and a PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432,
# user postgres). Usage: bench/run.sh [seconds per step, default 20] [connections, default 16]; JVM options of the
# service in JAVA_OPTIONS (e.g. JAVA_OPTIONS=-XX:TieredStopAtLevel=1, as deploy/Dockerfile runs it)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-16}
JAVA_OPTIONS=${JAVA_OPTIONS:-}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export THREADS=2
SECRET=whsec_benchmark
DB=bench_$(date +%s)
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
SECOND_PORT=$(free_port)
ERP_PORT=$(free_port)
SMTP_PORT=$(free_port)
CLOSED_PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

for tool in java jcmd mvn python3 wrk pgbench psql curl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install wrk)"; exit 1; }
done
[ -f target/paymentflow-webhooks.jar ] || mvn -q -DskipTests package

APP_PIDS=()
stop_services() {
    for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${APP_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    APP_PIDS=()
}
cleanup() {
    stop_services
    [ -n "${SINKS_PID:-}" ] && kill "$SINKS_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_ceiling WITH (FORCE)" >/dev/null 2>&1 || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_empty WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# launch PORT ERP_PORT SMTP_PORT [args...]: starts one instance on the benchmark's database (or on LAUNCH_DB)
launch() {
    local port=$1 erp=$2 smtp=$3
    shift 3
    WEBHOOK_SECRET=$SECRET SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/${LAUNCH_DB:-$DB}" SPRING_DATASOURCE_USERNAME=$PGUSER \
    ERP_URL="http://127.0.0.1:$erp/erp" SMTP_HOST=127.0.0.1 SMTP_PORT=$smtp EMAIL_FROM=billing@merchant.example \
    SERVER_PORT=$port java $JAVA_OPTIONS -jar target/paymentflow-webhooks.jar "$@" >> "$WORK/app-$port.log" 2>&1 &
    APP_PIDS+=($!)
}
await_healthy() {
    for _ in $(seq 1 240); do
        curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0
        sleep 0.5
    done
    tail -50 "$WORK/app-$1.log"
    exit 1
}
start_service() {
    launch "$@"
    await_healthy "$1"
}
receive_only() { start_service "$PORT" "$ERP_PORT" "$SMTP_PORT" --paymentflow.delivery.enabled=false; }
# jit_settled: waits (at most a minute) until no service's JIT compiles or has anything queued
jit_settled() {
    for _ in $(seq 1 120); do
        local busy=0
        for pid in "${APP_PIDS[@]}"; do
            busy=$(( busy + $(jcmd "$pid" Compiler.queue 2>/dev/null \
                | grep -cvE '^[0-9]+:$|^Current compiles:|queue:$|^Empty$|^[[:space:]]*$' || true) ))
        done
        [ "$busy" = 0 ] && return 0
        sleep 0.5
    done
    echo "   (the JIT was still compiling after a minute)"
}
WARM_UP=10s
# warm_up EVENTS_FILE [drain]: new events of that file for WARM_UP (with drain: and their deliveries), JIT settled
warm_up() {
    post_events "$1" "$WARM_UP" >/dev/null
    [ "${2:-}" = drain ] && drained_at >/dev/null
    jit_settled
}
# settle LOAD: runs LOAD (5 s of wrk) until its rate gains less than 5 % on the best before it, at least 8 times (the
# rate rises in steps as the JIT's compilations land: a pause of 5 % is no plateau before then, run AJ), at most 16;
# prints the rates. WARMED counts the requests sent, for a load that must not send an event twice
settle() {
    local best=0 rate output rates=""
    for round in $(seq 1 16); do
        output=$("$1")
        rate=$(echo "$output" | rate)
        rates="$rates $rate"
        WARMED=$(( ${WARMED:-0} + $(echo "$output" | awk '/requests in/ {print $1}') ))
        [ "$round" -ge 8 ] && python3 -c "import sys; sys.exit(0 if $rate < 1.05 * $best else 1)" && break
        best=$(python3 -c "print(max($best, $rate))")
    done
    echo "$rates"
}
sql() { psql -At -d "$DB" -c "$1"; }
undelivered() { sql "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'failed')"; }
now() { date +%s.%N; }
seconds() { python3 -c "print(round($2 - $1, 1))"; }
per_second() { python3 -c "print(round($1 / ($3 - $2)))"; }
ratio() { python3 -c "print(round($1 / $2, 2))"; }
# waits until nothing is left to deliver (at most 15 minutes); prints the time it ended. It asks whether anything
# is left, not how much: a count(*) over a backlog of 100,000 deliveries five times a second is work PostgreSQL
# would share with the deliveries being timed (runs up to P counted)
drained() { [ "$(sql "SELECT NOT EXISTS (SELECT 1 FROM deliveries WHERE status IN ('pending', 'failed'))")" = t ]; }
drained_at() {
    for _ in $(seq 1 4500); do
        drained && break
        sleep 0.2
    done
    now
}
rate() { awk '/Requests\/sec/ {printf "%.0f", $2}'; }
# what a request costs each side (steps 2-4b): ms of CPU used so far by the first instance's JVM and by every
# PostgreSQL process (the checkpointer and the WAL writer included), read from /proc before and after the step (a
# process that ends during the step takes its CPU with it: psql's, the pool's connections stay open meanwhile)
CLOCK_TICKS=$(getconf CLK_TCK)
jvm_cpu() { awk -v ticks="$CLOCK_TICKS" '{printf "%d", ($14 + $15) * 1000 / ticks}' "/proc/${APP_PIDS[0]}/stat"; }
pg_cpu() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v ticks="$CLOCK_TICKS" '$2 == "(postgres)" {s += $14 + $15} END {printf "%d", s * 1000 / ticks}'; }
cpu_begin() { JVM_FROM=$(jvm_cpu); PG_FROM=$(pg_cpu); }
# cpu_per_request WRK_OUTPUT: prints the step's CPU per request; sets JVM_US and PG_US
cpu_per_request() {
    local requests jvm pg
    requests=$(echo "$1" | awk '/requests in/ {print $1}') jvm=$(jvm_cpu) pg=$(pg_cpu)
    JVM_US=$(python3 -c "print(round(($jvm - $JVM_FROM) * 1000 / $requests))")
    PG_US=$(python3 -c "print(round(($pg - $PG_FROM) * 1000 / $requests))")
    echo "   CPU per request: JVM $JVM_US us, PostgreSQL $PG_US us"
}
latency() { awk '$1 == "Latency" && $2 ~ /[0-9]/ {printf "%s avg", $2} / 50%/ {printf ", %s p50", $2} / 99%/ {printf ", %s p99", $2}'; }
non2xx() { awk 'BEGIN {n = 0} /Non-2xx/ {n = $NF} END {print n}'; }
# post_events FILE DURATION: to this run's first instance, or to TARGET_URL
post_events() { EVENTS_FILE="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s bench/signed-events.lua "${TARGET_URL:-$URL}"; }
erp_stats() { curl -s "http://127.0.0.1:$ERP_PORT/stats"; }
# a drain starts on a fresh JVM: warm_sample notes what is left once its JIT had WARM_UP_SECONDS to compile the
# delivery path, warm_rate END gives the rate from then to END
WARM_UP_SECONDS=10
warm_sample() { sleep "$WARM_UP_SECONDS"; WARM_AT=$(now); WARM_LEFT=$(undelivered); }
warm_rate() {
    if [ "$WARM_LEFT" -gt 0 ]; then echo "$(per_second "$WARM_LEFT" "$WARM_AT" "$1") deliveries/s"
    else echo "drained before then"; fi
}
# the delivering instances start with every destination paused, so that a drain is timed from their resumption
pause_all() { sql "INSERT INTO paused_destinations (destination, paused_by) VALUES ('erp', 'bench'), ('ledger', 'bench'), ('email', 'bench')" >/dev/null; }
resume_all() { sql "DELETE FROM paused_destinations" >/dev/null; }

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
# the ceiling runs in a database of its own with the same schema, so that the service never sees its rows
psql -q -d postgres -c "CREATE DATABASE ${DB}_ceiling" >/dev/null
for migration in src/main/resources/db/migration/V*.sql; do psql -q -d "${DB}_ceiling" -f "$migration" >/dev/null; done
java bench/Sinks.java "$ERP_PORT" "$SMTP_PORT" &
SINKS_PID=$!
for name in warm-up:500000 paused:400000 warm-up-6:40000 sustained:400000 pace-calibration:40000 paced:200000 warm-up-7:40000:realistic \
            mix:400000:realistic warm-up-ref:40000:realistic reference:400000:realistic \
            down-warm-up:40000:realistic down:400000:realistic closed-warm-up:40000:realistic closed:400000:realistic \
            two:400000 warm-up-10:40000:realistic keys-1:400000:realistic keys-2:400000:realistic \
            warm-up-empty:40000:realistic empty-1:400000:realistic empty-2:400000:realistic duplicate:1; do
    IFS=: read -r file count mix <<< "$name"
    python3 bench/make_events.py "$SECRET" "$count" "$WORK/$file.tsv" "${mix:-succeeded}"
done

receive_only
EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c4 -d3s -s bench/signed-events.lua "$URL" >/dev/null
# steps 2 and 3 are compared with each other: each path is loaded until its rate has stopped rising, not for a fixed
# time (before run AI, 5 s of GET /actuator/info left its path half compiled: its rate doubled later in the same JVM)
info_load() { wrk -t2 -c"$CONNECTIONS" -d5s "$URL/actuator/info"; }
new_events_load() { SKIP=$WARMED post_events "$WORK/warm-up.tsv" 5s; }
echo "   warm-up of step 2's path: $(settle info_load) req/s"
WARMED=0
echo "   warm-up of step 3's path: $(settle new_events_load) req/s"
# what the warm-up stored goes: step 5 delivers step 3's events only, and every later step finds the database as
# it did when the warm-up was 10 s long (this machine's PostgreSQL runs without autovacuum)
sql "TRUNCATE idempotency_keys, inbound_events, deliveries, delivery_attempts" >/dev/null
jit_settled

echo "== 1. PostgreSQL ceiling: pgbench, $CONNECTIONS clients, the ingest statement"
PG=$(pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f bench/ingest.pgbench "${DB}_ceiling" 2>&1)
CEILING=$(echo "$PG" | awk '/^tps/ {printf "%.0f", $3; exit}')
echo "$CEILING tps, $(echo "$PG" | awk '/latency average/ {print $4}') ms avg"
PG=$(pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f bench/ingest-transaction.pgbench "${DB}_ceiling" 2>&1)
echo "   1b. as a transaction of four statements: $(echo "$PG" | awk '/^tps/ {printf "%.0f", $3; exit}') tps"

echo "== 2. HTTP baseline: GET /actuator/info"
cpu_begin
INFO=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL/actuator/info")
BASELINE=$(echo "$INFO" | rate)
echo "$BASELINE req/s, $(echo "$INFO" | latency)"
cpu_per_request "$INFO"
INFO_US=$((JVM_US + PG_US))

echo "== 3. acknowledging new signed events (this instance only receives)"
BEFORE=$(sql "SELECT count(*) FROM inbound_events")
cpu_begin
NEW=$(post_events "$WORK/paused.tsv" "${DURATION}s")
ACKED=$(echo "$NEW" | rate)
echo "$ACKED req/s = $(ratio "$ACKED" "$BASELINE") x the HTTP baseline, $(echo "$NEW" | latency)," \
     "non-2xx: $(echo "$NEW" | non2xx), stored: $(( $(sql "SELECT count(*) FROM inbound_events") - BEFORE ))"
cpu_per_request "$NEW"
# what the CPU alone allows: the service's CPU per new event (JVM and PostgreSQL) against a baseline request's
echo "   a new event costs the service $(ratio "$((JVM_US + PG_US))" "$INFO_US") x the CPU of a baseline request:" \
     "given the same CPU, it would be acknowledged at $(ratio "$INFO_US" "$((JVM_US + PG_US))") x the HTTP baseline"

echo "== 4. acknowledging the same event again"
cpu_begin
DUP=$(EVENTS_FILE="$WORK/duplicate.tsv" DUPLICATE=1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signed-events.lua "$URL")
echo "$(echo "$DUP" | rate) req/s, $(echo "$DUP" | latency), non-2xx: $(echo "$DUP" | non2xx)"
cpu_per_request "$DUP"

echo "== 4b. refusing a forged event again and again (wrong signature)"
cpu_begin
REFUSED=$(EVENTS_FILE="$WORK/duplicate.tsv" FORGED=1 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/signed-events.lua "$URL")
echo "$(echo "$REFUSED" | rate) req/s, $(echo "$REFUSED" | latency), non-2xx: $(echo "$REFUSED" | non2xx) (all of them: 401)"
cpu_per_request "$REFUSED"

echo "== 5. delivering the backlog (ERP stub and ledger), nothing else running"
stop_services
BACKLOG=$(undelivered)
pause_all
start_service "$PORT" "$ERP_PORT" "$SMTP_PORT"
START=$(now)
resume_all
warm_sample
END=$(drained_at)
DELIVERY_RATE=$(per_second "$BACKLOG" "$START" "$END")
echo "$BACKLOG deliveries in $(seconds "$START" "$END") s: $DELIVERY_RATE deliveries/s" \
     "= $(ratio "$DELIVERY_RATE" "$CEILING") x the ceiling ($(sql "SELECT count(*) FROM deliveries WHERE status = 'dead'") dead);" \
     "ERP stub: $(erp_stats)"
echo "   after the first $WARM_UP_SECONDS s (the JIT of a fresh start warmed up): $(warm_rate "$END")"
echo "   5b. an idle service: from receipt to delivery of 40 events sent one at a time"
python3 - "$URL" "$SECRET" <<'EOF'
import hashlib, hmac, json, sys, time, urllib.request, uuid
url, secret = sys.argv[1], sys.argv[2]
for i in range(40):
    body = json.dumps({"id": f"evt_idle_{uuid.uuid4().hex}", "type": "payment.succeeded", "created": int(time.time()),
                       "data": {"object": {"id": f"pay_idle_{i}", "amount": 100, "currency": "usd",
                                           "customer": {"email": "c@example.com"}}}}).encode()
    request = urllib.request.Request(url + "/webhooks/paymentflow", data=body, method="POST", headers={
        "Content-Type": "application/json", "PaymentFlow-Signature": hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()})
    urllib.request.urlopen(request).read()
    time.sleep(0.1)
EOF
sleep 1
echo "   ms from receipt to delivery, p50 / p90 / max: $(sql "SELECT string_agg(round(v)::text, ' / ') FROM (SELECT unnest(ARRAY[
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.9) WITHIN GROUP (ORDER BY ms), max(ms)]) AS v FROM (
    SELECT extract(epoch FROM d.delivered_at - e.received_at) * 1000 AS ms FROM deliveries d
    JOIN inbound_events e ON e.event_id = d.event_id WHERE d.event_id LIKE 'evt_idle_%') s) t")"

echo "== 6. new signed events while their deliveries run (sustained end to end)"
# this instance has delivered, but not yet received
warm_up "$WORK/warm-up-6.tsv" drain
START=$(now)
LIVE=$(post_events "$WORK/sustained.tsv" "${DURATION}s")
LOAD_END=$(now)
END=$(drained_at)
SUSTAINED=$(echo "$LIVE" | rate)
echo "$SUSTAINED req/s acknowledged = $(ratio "$SUSTAINED" "$CEILING") x the ceiling, $(echo "$LIVE" | latency)," \
     "non-2xx: $(echo "$LIVE" | non2xx); backlog drained $(seconds "$LOAD_END" "$END") s after the load ended"

echo "== 6b. new events paced at 0.4 x the ceiling while their deliveries run"
# each connection waits after each answer so that all of them together send about the target rate: its share of
# the interval between requests, less the time of an answer at about that rate (measured by 5 s at the plain share)
TARGET=$(python3 -c "print(round(0.4 * $CEILING))")
SHARE_MS=$(python3 -c "print(1000 * $CONNECTIONS / $TARGET)")
CALIBRATION=$(PACE_MS=$(python3 -c "print(round($SHARE_MS))") post_events "$WORK/pace-calibration.tsv" 5s | rate)
PACE_MS=$(python3 -c "print(max(1, round(2 * $SHARE_MS - 1000 * $CONNECTIONS / $CALIBRATION)))")
PACED=$(PACE_MS=$PACE_MS post_events "$WORK/paced.tsv" "${DURATION}s")
LOAD_END=$(now)
END=$(drained_at)
echo "$(echo "$PACED" | rate) req/s acknowledged (target $TARGET), $(echo "$PACED" | latency)," \
     "non-2xx: $(echo "$PACED" | non2xx); backlog drained $(seconds "$LOAD_END" "$END") s after the load ended"

echo "== 7. realistic mix (70 % succeeded, 20 % failed with e-mail, 10 % refunds) while deliveries run"
# e-mail has not been sent yet
warm_up "$WORK/warm-up-7.tsv" drain
MAILS_BEFORE=$(erp_stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["mails"])')
MIX=$(post_events "$WORK/mix.tsv" "${DURATION}s")
LOAD_END=$(now)
END=$(drained_at)
MIXED=$(echo "$MIX" | rate)
echo "$MIXED req/s acknowledged = $(ratio "$MIXED" "$CEILING") x the ceiling, $(echo "$MIX" | latency)," \
     "non-2xx: $(echo "$MIX" | non2xx); backlog drained $(seconds "$LOAD_END" "$END") s after the load ended;" \
     "mails: $(( $(erp_stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["mails"])') - MAILS_BEFORE ))"

echo "== 8. every destination down: deliveries fail and retry"
stop_services
# the reference: a fresh instance that only receives, warmed up as the one below (and as step 10's) is, on the
# database as it now is; step 3's instance had more traffic before its step, and an empty database. It starts from
# a fresh checkpoint, as step 10 does after its bulk load
sql "CHECKPOINT" >/dev/null
receive_only
warm_up "$WORK/warm-up-ref.tsv"
REFERENCE=$(post_events "$WORK/reference.tsv" "${DURATION}s" | rate)
echo "   reference, pollers idle (a fresh receive-only instance, the same mix and warm-up): $REFERENCE req/s"
stop_services
sql "CHECKPOINT" >/dev/null
start_service "$PORT" "$CLOSED_PORT" "$CLOSED_PORT"
# 8b first: the ERP and the mail server refuse connections, the ledger (in this database) still books every event.
# Warmed up as the reference was: compare like with like (the backlog of failing deliveries stays)
post_events "$WORK/down-warm-up.tsv" "$WARM_UP" >/dev/null
jit_settled
DOWN=$(post_events "$WORK/down.tsv" "${DURATION}s")
DOWN_RATE=$(echo "$DOWN" | rate)
# then the ledger too: its owner's trigger refuses every booking (55P03, lock not available: retried with backoff)
sql "CREATE FUNCTION bench_ledger_closed() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN RAISE EXCEPTION 'the ledger is closed (benchmark step 8)' USING ERRCODE = '55P03'; END \$\$;
     CREATE TRIGGER bench_ledger_closed BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION bench_ledger_closed()" >/dev/null
post_events "$WORK/closed-warm-up.tsv" "$WARM_UP" >/dev/null
jit_settled
CLOSED=$(post_events "$WORK/closed.tsv" "${DURATION}s")
CLOSED_RATE=$(echo "$CLOSED" | rate)
echo "$CLOSED_RATE req/s acknowledged = $(ratio "$CLOSED_RATE" "$REFERENCE") x the reference ($(ratio "$CLOSED_RATE" "$ACKED") x step 3), $(echo "$CLOSED" | latency)," \
     "non-2xx: $(echo "$CLOSED" | non2xx); attempts failed so far: $(sql "SELECT count(*) FROM delivery_attempts WHERE outcome = 'failed'")" \
     "(the ledger's: $(sql "SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE a.outcome = 'failed' AND d.destination = 'ledger'"))"
echo "   8b. the ERP and the mail server down, the ledger booking (measured before the ledger closed):" \
     "$DOWN_RATE req/s = $(ratio "$DOWN_RATE" "$REFERENCE") x the reference, $(echo "$DOWN" | latency), non-2xx: $(echo "$DOWN" | non2xx)"
stop_services
sql "DROP TRIGGER bench_ledger_closed ON ledger_entries; DROP FUNCTION bench_ledger_closed();
     DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE status <> 'delivered');
     DELETE FROM deliveries WHERE status <> 'delivered'" >/dev/null

echo "== 9. two instances on one database delivering one backlog"
receive_only
post_events "$WORK/two.tsv" "${DURATION}s" >/dev/null
stop_services
BACKLOG=$(undelivered)
ERP_BEFORE=$(erp_stats)
pause_all
launch "$PORT" "$ERP_PORT" "$SMTP_PORT"
launch "$SECOND_PORT" "$ERP_PORT" "$SMTP_PORT"
await_healthy "$PORT"
await_healthy "$SECOND_PORT"
START=$(now)
resume_all
warm_sample
END=$(drained_at)
echo "$BACKLOG deliveries in $(seconds "$START" "$END") s: $(per_second "$BACKLOG" "$START" "$END") deliveries/s" \
     "(after the first $WARM_UP_SECONDS s: $(warm_rate "$END"));" \
     "$(python3 -c "import json,sys; b, a = json.loads(sys.argv[1]), json.loads(sys.argv[2]); r = a['requests'] - b['requests']; k = a['distinct_keys'] - b['distinct_keys']; print(f'ERP calls {r} for {k} events ({r - k} twice)')" "$ERP_BEFORE" "$(erp_stats)");" \
     "delivered attempts $(sql "SELECT count(*) FROM delivery_attempts WHERE outcome = 'delivered'") for $(sql "SELECT count(*) FROM deliveries WHERE status = 'delivered'") delivered deliveries"
stop_services

echo "== 10. acknowledging new events with 10 million idempotency keys stored"
START=$(now)
sql "INSERT INTO idempotency_keys (processor_name, message_id)
     SELECT 'paymentflow-events', 'evt_' || left(md5(n::text), 16) FROM generate_series(1, 10000000) AS n" >/dev/null
# the whole database, not only the keys: it holds the dead rows of every step before (each delivery updated on its
# claim and its outcome), which autovacuum would have cleared on a database where it runs (not on this machine's);
# the step compares 10 million keys with none, not a database never vacuumed with a new one
sql "VACUUM ANALYZE" >/dev/null
# the bulk load wrote gigabytes of WAL: without a checkpoint here, the one it started would write its pages out
# during the measurement, and every page the step touches first after it would go into the WAL whole; keys that
# accumulate over weeks cost neither. The reference of step 8 starts from a checkpoint too
sql "CHECKPOINT" >/dev/null
echo "   keys stored: $(sql "SELECT count(*) FROM idempotency_keys") (made in $(seconds "$START" "$(now)") s)"
# against an empty database at the same time: one receive-only instance on each, loaded in turn (empty, keys,
# keys, empty), so that the machine's drift over the minute weighs on both alike
psql -q -d postgres -c "CREATE DATABASE ${DB}_empty" >/dev/null
receive_only
LAUNCH_DB=${DB}_empty start_service "$SECOND_PORT" "$ERP_PORT" "$SMTP_PORT" --paymentflow.delivery.enabled=false
EMPTY_URL="http://127.0.0.1:$SECOND_PORT"
warm_up "$WORK/warm-up-10.tsv"
TARGET_URL=$EMPTY_URL warm_up "$WORK/warm-up-empty.tsv"
EMPTY_1=$(TARGET_URL=$EMPTY_URL post_events "$WORK/empty-1.tsv" "${DURATION}s")
KEYS_1=$(post_events "$WORK/keys-1.tsv" "${DURATION}s")
KEYS_2=$(post_events "$WORK/keys-2.tsv" "${DURATION}s")
EMPTY_2=$(TARGET_URL=$EMPTY_URL post_events "$WORK/empty-2.tsv" "${DURATION}s")
KEYED=$(python3 -c "print(round(($(echo "$KEYS_1" | rate) + $(echo "$KEYS_2" | rate)) / 2))")
EMPTY=$(python3 -c "print(round(($(echo "$EMPTY_1" | rate) + $(echo "$EMPTY_2" | rate)) / 2))")
echo "$KEYED req/s = $(ratio "$KEYED" "$EMPTY") x an empty database ($EMPTY req/s; both the realistic mix, two turns each;" \
     "$(ratio "$KEYED" "$REFERENCE") x the reference of step 8), $(echo "$KEYS_2" | latency)," \
     "non-2xx: $(( $(echo "$KEYS_1" | non2xx) + $(echo "$KEYS_2" | non2xx) ))"
stop_services

echo "== check: ledger rows $(sql "SELECT count(*) FROM ledger_entries") for $(sql "SELECT count(DISTINCT event_id) FROM deliveries WHERE destination = 'ledger' AND status = 'delivered'") delivered ledger deliveries, duplicate bookings $(sql "SELECT count(*) - count(DISTINCT event_id) FROM ledger_entries")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)${JAVA_OPTIONS:+ with $JAVA_OPTIONS}, PostgreSQL $(psql -At -d postgres -c 'SHOW server_version'), wrk, the stubs and PostgreSQL on the same machine"
