#!/usr/bin/env bash
# Start-up: wall seconds from `java` to the first 200 of /actuator/health, and the CPU seconds the JVM had used by
# then (user + system: other work on the machine changes it much less than the wall time), for these variants of
# the current build, run in turn so that they share the machine's noise:
#   fatjar            java -jar paymentflow-webhooks.jar (the README's production command)
#   fatjar-c1         the same with -XX:TieredStopAtLevel=1 (C1 only: no C2 compiler threads while starting)
#   extracted         the jar extracted (java -Djarmode=tools ... extract), as deploy/Dockerfile runs it
#   extracted-cds     the same with the class data sharing archive of a training start to healthy (deploy/Dockerfile)
#   extracted-cds-c1  both (deploy/Dockerfile's default)
# and, given a commit, `before`: that commit's jar (built in a scratch worktree) with its own routes/ and config/.
# Each variant runs from a scratch working directory with routes/ and config/, against a PostgreSQL at
# PGHOST:PGPORT (default 127.0.0.1:5432, user postgres) in databases it creates, migrated by a warm-up start.
# Needs: java, mvn, git, python3, psql, curl.  Usage: bench/startup.sh [runs, default 4] [before-commit]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-4}
BEFORE=${2:-}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
WORK=$(mktemp -d)
DB=startup_$(date +%s)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RESULTS="$WORK/results.tsv"

cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    for db in "$DB" "${DB}_before"; do psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

settings=(WEBHOOK_SECRET=whsec_startup ERP_URL=http://127.0.0.1:9/erp SMTP_HOST=127.0.0.1 SMTP_PORT=9
          EMAIL_FROM=billing@merchant.example SPRING_DATASOURCE_USERNAME="$PGUSER" SERVER_PORT="$PORT")

# one start from a directory, on a database: prints wall and CPU seconds to healthy
start_once() {
    local dir=$1 db=$2 start end ticks
    shift 2
    start=$(date +%s.%N)
    (cd "$dir" && exec env "${settings[@]}" SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
        java "$@" >> "$WORK/app.log" 2>&1) &
    APP_PID=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
        kill -0 "$APP_PID" 2>/dev/null || { echo "the service stopped while starting:" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }
        sleep 0.05
    done
    end=$(date +%s.%N)
    ticks=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
    python3 -c "print(round($end - $start, 2), round($ticks / $(getconf CLK_TCK), 1))"
}

layout() { # directory, jar: a working directory as the service expects it, with the jar, extracted
    mkdir -p "$1"
    cp -r routes config "$1/"
    cp "$2" "$1/paymentflow-webhooks.jar"
    (cd "$1" && java -Djarmode=tools -jar paymentflow-webhooks.jar extract --destination extracted >/dev/null)
}

# the jar of the sources as they are (a stale jar would not match the routes/ beside it)
mvn -q -DskipTests package
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
NOW="$WORK/now"
layout "$NOW" target/paymentflow-webhooks.jar
start_once "$NOW" "$DB" -jar paymentflow-webhooks.jar >/dev/null
# the archive as deploy/Dockerfile makes it: one start up to its first healthy answer, then stopped
start_once "$NOW" "$DB" -XX:ArchiveClassesAtExit=app.jsa -XX:TieredStopAtLevel=1 \
    -jar extracted/paymentflow-webhooks.jar >/dev/null

variants=(fatjar fatjar-c1 extracted extracted-cds extracted-cds-c1)
if [ -n "$BEFORE" ]; then
    mkdir -p "$WORK/before-src"
    git archive "$BEFORE" | tar -x -C "$WORK/before-src"
    (cd "$WORK/before-src" && mvn -q -DskipTests package)
    mkdir -p "$WORK/before"
    cp -r "$WORK/before-src/routes" "$WORK/before-src/config" "$WORK/before/"
    cp "$WORK/before-src/target/paymentflow-webhooks.jar" "$WORK/before/"
    psql -q -d postgres -c "CREATE DATABASE ${DB}_before" >/dev/null
    start_once "$WORK/before" "${DB}_before" -jar paymentflow-webhooks.jar >/dev/null
    variants=(before "${variants[@]}")
fi

for run in $(seq 1 "$RUNS"); do
    for variant in "${variants[@]}"; do
        case $variant in
            before) measured=$(start_once "$WORK/before" "${DB}_before" -jar paymentflow-webhooks.jar) ;;
            fatjar) measured=$(start_once "$NOW" "$DB" -jar paymentflow-webhooks.jar) ;;
            fatjar-c1) measured=$(start_once "$NOW" "$DB" -XX:TieredStopAtLevel=1 -jar paymentflow-webhooks.jar) ;;
            extracted) measured=$(start_once "$NOW" "$DB" -jar extracted/paymentflow-webhooks.jar) ;;
            extracted-cds) measured=$(start_once "$NOW" "$DB" -XX:SharedArchiveFile=app.jsa \
                -jar extracted/paymentflow-webhooks.jar) ;;
            extracted-cds-c1) measured=$(start_once "$NOW" "$DB" -XX:SharedArchiveFile=app.jsa \
                -XX:TieredStopAtLevel=1 -jar extracted/paymentflow-webhooks.jar) ;;
        esac
        echo "run $run  $variant  $measured  load $(cut -d' ' -f1 /proc/loadavg)"
        printf '%s\t%s\n' "$variant" "$measured" >> "$RESULTS"
    done
done
echo "== seconds to healthy and CPU seconds by then, median (min-max) of $RUNS runs"
python3 - "$RESULTS" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    variant, measured = line.rstrip("\n").split("\t")
    runs[variant].append([float(x) for x in measured.split()])
for variant, values in runs.items():
    wall, cpu = [v[0] for v in values], [v[1] for v in values]
    print(f"{variant:17} {statistics.median(wall):5.1f} s ({min(wall):.1f}-{max(wall):.1f})"
          f"   CPU {statistics.median(cpu):5.1f} s ({min(cpu):.1f}-{max(cpu):.1f})")
EOF
echo "jar: $(stat -c %s target/paymentflow-webhooks.jar) bytes; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
