-- wrk script for POST /events: a JSON body per request (a new event each time).
-- Env: BENCH_API_KEY (X-API-Key), BENCH_CALENDAR_ID (a calendar the key's user edits).
-- The events land in 2030, far from the week GET /events benchmarks, and all carry
-- the title "wrk bench event" so that bench/run.sh deletes them before the next run.
local counter = 0
local calendar = os.getenv("BENCH_CALENDAR_ID")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")

request = function()
  counter = counter + 1
  local m, d, h = 1 + counter % 12, 1 + counter % 28, 8 + counter % 10
  local body = string.format(
    '{"calendar_id": "%s", "title": "wrk bench event", ' ..
    '"start_time": "2030-%02d-%02dT%02d:00:00Z", "end_time": "2030-%02d-%02dT%02d:45:00Z", ' ..
    '"location": "Room 1", "reminders": [10], "tags": ["bench"]}',
    calendar, m, d, h, m, d, h)
  return wrk.format(nil, nil, nil, body)
end
