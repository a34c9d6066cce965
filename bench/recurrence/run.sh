#!/usr/bin/env bash
# Recurrence benchmark: GET /events?start&end with 500 series vs none. See README.md.
#
#   bench/recurrence/run.sh           # seed the four databases if missing, then run (~4 min)
#   SEED=1 bench/recurrence/run.sh    # re-seed them first (+~30 s)
#
# Knobs (environment): BASE_PORT (3131: one gunicorn per database on 3131-3134),
# WEB_CONCURRENCY (4), THREADS (2), CONNECTIONS (4), DURATION (4s per round),
# ROUNDS (2), WARMUP (2s), INPROC_ROUNDS (20).
# Raw outputs go to bench/out/recurrence-<timestamp>/, with summary.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

BASE_PORT=${BASE_PORT:-3131}
WORKERS=${WEB_CONCURRENCY:-4}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
DURATION=${DURATION:-4s}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-2s}
INPROC_ROUNDS=${INPROC_ROUNDS:-20}
PG=postgresql://postgres@127.0.0.1:5432
# Same as bench/recurrence/seed.py.
EMAIL=rec@bench.example
PASSWORD=bench-password-1
JWT_SECRET=bench-rec-jwt-secret-0123456789abcdef0123456789abcdef0123456789abcdef
# variant name -> database (the order is the order of the runs for each query)
VARIANTS=(none 1y 5y 10y)
declare -A DB=(
  [none]=calapp_bench_rec_none [1y]=calapp_bench_rec_1y
  [5y]=calapp_bench_rec [10y]=calapp_bench_rec_10y
)
# query name -> window and page size (a Monday-to-Monday week; November 2026)
QUERIES=(week-50 week-200 month-50 month-200)
declare -A QUERY=(
  [week-50]="start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=50"
  [week-200]="start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=200"
  [month-50]="start=2026-11-01T00:00:00Z&end=2026-12-01T00:00:00Z&limit=50"
  [month-200]="start=2026-11-01T00:00:00Z&end=2026-12-01T00:00:00Z&limit=200"
)

command -v wrk >/dev/null || {
  echo "wrk is missing: apt-get update && apt-get install -y wrk" >&2
  exit 1
}
[ -x .venv/bin/python ] || { echo "no .venv: run 'make test' once" >&2; exit 1; }
# shellcheck disable=SC1091
. .venv/bin/activate
for i in "${!VARIANTS[@]}"; do
  if (echo >"/dev/tcp/127.0.0.1/$((BASE_PORT + i))") 2>/dev/null; then
    echo "port $((BASE_PORT + i)) is in use: BASE_PORT=<free port> $0" >&2
    exit 1
  fi
done

OUT=bench/out/recurrence-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
echo "raw outputs: $OUT"

# --- databases --------------------------------------------------------------------
seeded=1
for v in "${VARIANTS[@]}"; do
  psql "$PG/${DB[$v]}" -Atqc 'SELECT 1 FROM events LIMIT 1' >/dev/null 2>&1 || seeded=0
done
if [ "${SEED:-0}" = 1 ] || [ $seeded = 0 ]; then
  python bench/recurrence/seed.py | tee "$OUT/seed.txt"
fi
for v in "${VARIANTS[@]}"; do  # the schema of this checkout (a newer migration applies)
  DATABASE_URL=$PG/${DB[$v]} CALAPP_ENV=development JWT_SECRET_KEY=$JWT_SECRET \
    flask --app wsgi db upgrade >>"$OUT/migrate.txt" 2>&1
done

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(git rev-parse --short HEAD) ($(git status --porcelain calapp migrations | wc -l) changed files under calapp/ and migrations/)"
  echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "postgres: $(psql "$PG/${DB[none]}" -Atc 'SHOW server_version')"
  echo "python: $(python -V 2>&1 | cut -d' ' -f2)"
  echo "gunicorn: $WORKERS sync workers per database"
  echo "wrk: -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION per variant and query (warm-up $WARMUP)"
} | tee "$OUT/machine.txt"

# --- servers: one per database, all up at once, so runs can interleave -------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
declare -A BASE
for i in "${!VARIANTS[@]}"; do
  v=${VARIANTS[$i]}
  BASE[$v]=http://127.0.0.1:$((BASE_PORT + i))
  env DATABASE_URL="$PG/${DB[$v]}" CALAPP_ENV=production JWT_SECRET_KEY="$JWT_SECRET" \
    REDIS_URL=redis://127.0.0.1:6379/0 RATELIMIT_ENABLED=false AUTO_MIGRATE=false \
    WEB_CONCURRENCY="$WORKERS" \
    gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$((BASE_PORT + i))" \
    --no-control-socket wsgi:app >"$OUT/gunicorn-$v.log" 2>&1 &
  PIDS+=($!)
done
for v in "${VARIANTS[@]}"; do
  for _ in $(seq 150); do
    curl -fs "${BASE[$v]}/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "${BASE[$v]}/health" >/dev/null ||
    { echo "gunicorn ($v) did not start:" >&2; cat "$OUT/gunicorn-$v.log" >&2; exit 1; }
done

declare -A TOKEN
for v in "${VARIANTS[@]}"; do
  TOKEN[$v]=$(curl -fs -X POST "${BASE[$v]}/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}" |
    python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
done

# Sanity: one week, every page. The three series variants list the same items
# (same ids and times); the baseline lists the same single events.
for v in "${VARIANTS[@]}"; do
  python bench/recurrence/walk.py "${BASE[$v]}" "${TOKEN[$v]}" \
    "${QUERY[week-200]}" >"$OUT/week-$v.json"
done
python - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
week = {v: json.load(open(f"{out}/week-{v}.json")) for v in ("none", "1y", "5y", "10y")}
for v, items in week.items():
    occurrences = sum(1 for i in items if i["series_id"] and i["id"] == i["series_id"])
    print(f"{v:>4}: {len(items)} items in the week, {occurrences} occurrences")
key = {v: [(i["start_time"], i["id"], i["title"]) for i in items] for v, items in week.items()}
if not key["1y"] == key["5y"] == key["10y"]:
    sys.exit("the week differs between the 1y, 5y and 10y variants")
singles = [(i["start_time"], i["id"], i["title"]) for i in week["5y"] if not i["series_id"]]
if singles != key["none"]:
    sys.exit("the single events of the week differ from the baseline's")
EOF

# --- runs: each query against every variant in turn, ROUNDS times, so that
# background load drifting during the run hits all variants alike --------------
for q in "${QUERIES[@]}"; do
  for v in "${VARIANTS[@]}"; do  # warm every worker of every server first
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s \
      -H "Authorization: Bearer ${TOKEN[$v]}" "${BASE[$v]}/events?${QUERY[$q]}" >/dev/null
  done
  for r in $(seq "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency \
        -H "Authorization: Bearer ${TOKEN[$v]}" "${BASE[$v]}/events?${QUERY[$q]}" \
        >"$OUT/$q-$v-r$r.txt"
      printf '%-10s %-4s round %s: %s\n' "$q" "$v" "$r" \
        "$(grep -E 'Requests/sec' "$OUT/$q-$v-r$r.txt" | xargs)"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

cleanup  # the servers are done; the in-process comparison runs alone
PIDS=()
echo "== in-process, one request at a time, interleaved ($INPROC_ROUNDS rounds)"
python bench/recurrence/inproc.py --rounds "$INPROC_ROUNDS" | tee "$OUT/inproc.md"

python bench/recurrence/summarize.py "$OUT"
echo "raw outputs and summary.md: $OUT"
