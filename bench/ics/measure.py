"""One import or export, measured in this (fresh) process.

    python bench/ics/measure.py import FILE [--calendar-id ID] [--trace]
    python bench/ics/measure.py export CALENDAR_ID [--trace]

Goes through the whole HTTP stack in process (Flask test client: routing, auth,
body parsing, the streamed response) against ``DATABASE_URL``, signed in as the
bench user. Prints one JSON line: wall seconds, events, bytes, the growth of
the process's peak RSS during the operation, and with ``--trace`` the
tracemalloc peak (Python allocations; slows the run, so its time is not used).
"cpu_seconds" is this process's CPU time (PostgreSQL's is not in it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

USER = "bench@ics.example"


def maxrss_mb() -> float:
    """Peak RSS of this process. Linux's ``ru_maxrss`` survives fork and exec
    (a child starts at its parent's peak), so read VmHWM, which does not."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024  # kB
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app_and_headers():
    from calapp import create_app
    from calapp.auth import service as auth
    from calapp.extensions import db
    from calapp.users import service as users

    app = create_app({"RATELIMIT_ENABLED": False, "AUTO_MIGRATE": False})
    with app.app_context():
        user = users.find_by_email(USER)
        token = auth.start_session(user, users.now()).access_token
        db.session.commit()
    return app, {"Authorization": f"Bearer {token}"}


def run_import(client, headers, path: Path, calendar_id: str | None) -> dict:
    data = path.read_bytes()
    params = {"calendar_id": calendar_id} if calendar_id else {}
    # Warm-up (imports, caches): a dry run of a tiny file writes nothing.
    tiny = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n"
    client.post("/calendars/import", query_string={"dry_run": "true"}, data=tiny,
                content_type="text/calendar", headers=headers)  # fmt: skip
    return {"body": data, "params": params}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("op", choices=["import", "export"])
    parser.add_argument("target")
    parser.add_argument("--calendar-id")
    parser.add_argument("--warm-calendar-id")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    app, headers = app_and_headers()
    client = app.test_client()
    if args.op == "import":
        prepared = run_import(client, headers, Path(args.target), args.calendar_id)
    elif args.warm_calendar_id:
        client.get(f"/calendars/{args.warm_calendar_id}/export.ics", headers=headers)
    base = maxrss_mb()
    if args.trace:
        tracemalloc.start()
    started = time.perf_counter()
    cpu = time.process_time()
    if args.op == "import":
        r = client.post(
            "/calendars/import",
            query_string=prepared["params"],
            data=prepared["body"],
            content_type="text/calendar",
            headers=headers,
        )
        body = r.get_json()
        assert r.status_code in (200, 201), body
        size = len(prepared["body"])
        events = body["created"] + body["updated"] + body["skipped"]
        extra = {k: body[k] for k in ("calendar_id", "created", "updated", "skipped")}
        extra["errors"] = len(body["errors"])
    else:
        r = client.get(
            f"/calendars/{args.target}/export.ics", headers=headers, buffered=False
        )
        assert r.status_code == 200
        size = events = 0
        for chunk in r.response:
            size += len(chunk)
            events += chunk.count(b"BEGIN:VEVENT")
        r.close()
        extra = {}
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    result = {
        "op": args.op,
        "seconds": round(seconds, 3),
        "events": events,
        "events_per_s": round(events / seconds),
        "cpu_seconds": round(cpu, 3),
        "bytes": size,
        "maxrss_mb": round(maxrss_mb(), 1),
        "maxrss_growth_mb": round(maxrss_mb() - base, 1),
        **extra,
    }
    if args.trace:
        peak = tracemalloc.get_traced_memory()[1]
        result["tracemalloc_peak_mb"] = round(peak / 2**20, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    os.environ.setdefault("CALAPP_ENV", "production")
    main()
