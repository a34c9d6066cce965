#!/usr/bin/env bash
# Benchmark calapp under gunicorn with wrk on loopback. See bench/README.md.
#
#   bench/run.sh                 # seed calapp_bench if missing, then benchmark (~3 min)
#   SEED=1 bench/run.sh          # re-seed from scratch first (+~1 min)
#   PROFILE=1 bench/run.sh       # also py-spy the real list under load (needs py-spy)
#
# Knobs (environment): PORT (3119), WEB_CONCURRENCY (4), THREADS (2),
# CONNECTIONS (16), DURATION (20s), WARMUP (5s).
# Raw outputs go to bench/out/<timestamp>/ (gitignored), with summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-3119}
WORKERS=${WEB_CONCURRENCY:-4}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
DB_URL=postgresql://postgres@127.0.0.1:5432/calapp_bench
# The week benchmarked (a Monday to a Monday) and the seeded user with most calendars.
START=2026-11-23T00:00:00Z
END=2026-11-30T00:00:00Z
BENCH_EMAIL=user0000@bench.example
BENCH_PASSWORD=bench-password-1
# Fixed secret (>= 32 chars): the same as bench/seed.py's.
JWT_SECRET=bench-jwt-secret-0123456789abcdef0123456789abcdef0123456789abcdef

command -v wrk >/dev/null || {
  echo "wrk is missing: apt-get update && apt-get install -y wrk" >&2
  exit 1
}
[ -x .venv/bin/python ] || { echo "no .venv: run 'make test' or 'make run' once" >&2; exit 1; }
# shellcheck disable=SC1091
. .venv/bin/activate
if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: PORT=<free port> bench/run.sh" >&2
  exit 1
fi

# Share of the CPUs left idle by everything else on the box (other jobs skew results).
idle_pct() {
  local a b
  a=($(grep '^cpu ' /proc/stat))
  sleep 3
  b=($(grep '^cpu ' /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $((100 * (b[4] - a[4]) / (total > 0 ? total : 1)))
}

OUT=bench/out/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
echo "raw outputs: $OUT"

# --- database ---------------------------------------------------------------------
if [ "${SEED:-0}" = 1 ] || ! psql "$DB_URL" -Atqc 'SELECT 1 FROM events LIMIT 1' >/dev/null 2>&1; then
  python bench/seed.py | tee "$OUT/seed.txt"
fi
# The schema as of this checkout (a new migration since seeding applies here).
DATABASE_URL=$DB_URL CALAPP_ENV=development JWT_SECRET_KEY=$JWT_SECRET \
  flask --app wsgi db upgrade >"$OUT/migrate.txt" 2>&1
# What earlier runs' POST /events added, gone: every run measures the same data.
psql "$DB_URL" -qc "DELETE FROM events WHERE title = 'wrk bench event'" \
  -c "VACUUM ANALYZE events, event_reminders"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(git rev-parse --short HEAD) ($(git status --porcelain calapp migrations | wc -l) changed files under calapp/ and migrations/)"
  echo "cpus: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "load before the run: $(cut -d" " -f1-3 /proc/loadavg), CPU idle over 3 s: $(idle_pct)%"
  echo "postgres: $(psql "$DB_URL" -Atc 'SHOW server_version')"
  echo "python: $(python -V 2>&1 | cut -d' ' -f2)"
  echo "gunicorn: $(gunicorn --version 2>&1 | grep -oE '[0-9]+(\.[0-9]+)+'), $WORKERS sync workers"
  echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}'), -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 10s --latency"
} | tee "$OUT/machine.txt"

# --- server -----------------------------------------------------------------------
# Production settings except: rate limits off (one user would be throttled at
# 600/min), no control socket (a `make run` of this checkout keeps its own), and no
# migrations at start (done above).
env DATABASE_URL="$DB_URL" CALAPP_ENV=production JWT_SECRET_KEY="$JWT_SECRET" \
  REDIS_URL=redis://127.0.0.1:6379/0 RATELIMIT_ENABLED=false AUTO_MIGRATE=false \
  WEB_CONCURRENCY="$WORKERS" PORT="$PORT" \
  gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$PORT" --no-control-socket \
  bench.wsgi_bench:app >"$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
cleanup() { kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true; }
trap cleanup EXIT

BASE=http://127.0.0.1:$PORT
for _ in $(seq 100); do
  curl -fs "$BASE/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$BASE/health" >/dev/null || { echo "gunicorn did not start:" >&2; cat "$OUT/gunicorn.log" >&2; exit 1; }

json() { python -c "import json, sys; print(json.load(sys.stdin)$1)"; }
LOGIN=$(curl -fs -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$BENCH_EMAIL\", \"password\": \"$BENCH_PASSWORD\"}")
TOKEN=$(echo "$LOGIN" | json '["access_token"]')
USER_ID=$(echo "$LOGIN" | json '["user"]["id"]')
API_KEY=$(curl -fs -X POST "$BASE/api-keys" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name": "wrk bench", "scopes": ["events:write", "contacts:read"]}' | json '["key"]')
CALENDAR_ID=$(psql "$DB_URL" -Atc "SELECT c.id FROM calendars c JOIN users u ON u.id = c.owner_id
  WHERE u.email = '$BENCH_EMAIL' AND c.name = 'Work'")

LIST_URL="$BASE/events?start=$START&end=$END&limit=50"
CEILING_URL="$BASE/bench/events-ceiling?start=$START&end=$END&user=$USER_ID&limit=50"
CONTACTS_URL="$BASE/contacts?search=ab"

# Sanity: both return the same 50 rows; every endpoint answers 2xx.
curl -fs "$LIST_URL" -H "Authorization: Bearer $TOKEN" >"$OUT/sample-events_list.json"
curl -fs "$CEILING_URL" >"$OUT/sample-ceiling.json"
curl -fs "$CONTACTS_URL" -H "X-API-Key: $API_KEY" >"$OUT/sample-contacts_search.json"
python - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
real = [e["id"] for e in json.load(open(f"{out}/sample-events_list.json"))["items"]]
ceiling = [e["id"] for e in json.load(open(f"{out}/sample-ceiling.json"))["items"]]
contacts = json.load(open(f"{out}/sample-contacts_search.json"))["items"]
print(f"list: {len(real)} events, ceiling: {len(ceiling)} rows, "
      f"contacts matching 'ab': {len(contacts)} (first page)")
if real != ceiling:
    sys.exit("the ceiling does not select the same rows as GET /events")
EOF

run_wrk() {  # run_wrk <file stem> <duration> <wrk args...>
  local stem=$1 duration=$2
  shift 2
  echo "== $stem ($duration)"
  python bench/cpusnap.py "$GUNICORN_PID" "$DB_URL" >"$OUT/$stem.cpu-before.json"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency "$@" | tee "$OUT/$stem.txt" |
    grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors' || true
  python bench/cpusnap.py "$GUNICORN_PID" "$DB_URL" >"$OUT/$stem.cpu-after.json"
}
AUTH=(-H "Authorization: Bearer $TOKEN")
KEY=(-H "X-API-Key: $API_KEY")

run_wrk warmup-ceiling "$WARMUP" "$CEILING_URL" >/dev/null
run_wrk warmup-events_list "$WARMUP" "${AUTH[@]}" "$LIST_URL" >/dev/null
# Round 1 and, at the end, round 2 of ceiling vs real list: the ratio uses both.
run_wrk 01-ceiling "$DURATION" "$CEILING_URL"
run_wrk 02-events_list "$DURATION" "${AUTH[@]}" "$LIST_URL"
run_wrk 03-events_list_apikey "$DURATION" "${KEY[@]}" "$LIST_URL"
run_wrk 04-contacts_search "$DURATION" "${KEY[@]}" "$CONTACTS_URL"
BENCH_API_KEY=$API_KEY BENCH_CALENDAR_ID=$CALENDAR_ID \
  run_wrk 05-events_create "$DURATION" -s bench/post_event.lua "$BASE/events"
run_wrk 06-ceiling "$DURATION" "$CEILING_URL"
run_wrk 07-events_list "$DURATION" "${AUTH[@]}" "$LIST_URL"

if [ "${PROFILE:-0}" = 1 ]; then
  # Sample every worker (py-spy follows the master's children) while wrk loads the list.
  echo "== profile: py-spy on the real list under load"
  py-spy record --pid "$GUNICORN_PID" --subprocesses --rate 50 --duration 15 \
    --format raw --output "$OUT/profile-events_list.txt" >/dev/null 2>&1 &
  SPY=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d16s "${AUTH[@]}" "$LIST_URL" >"$OUT/profile-wrk.txt"
  wait "$SPY" || echo "py-spy failed (ptrace not permitted?)"
fi

echo "load after the run: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
python bench/summarize.py "$OUT"
echo "raw outputs and summary.md: $OUT"
