"""Where the CPU of one ``GET /events?start&end&limit=50`` goes, in one process.

    python -m bench.profile_list            # CPU ms per request and per phase
    python -m bench.profile_list --cprofile # plus the top functions (cProfile)

Runs the app in-process (Flask test client, no gunicorn, no wrk) against the
seeded ``calapp_bench`` and measures CPU time (``time.process_time``), which other
jobs on the box disturb much less than wall time. PostgreSQL's own CPU is not in
these figures (``bench/run.sh`` reports it per request from /proc).
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = json.loads((ROOT / "bench" / "out" / "seed.json").read_text())
os.environ.update(
    DATABASE_URL=SEED["database_url"],
    CALAPP_ENV="production",
    JWT_SECRET_KEY="bench-jwt-secret-" + "0123456789abcdef" * 3,
    RATELIMIT_ENABLED="false",
    REDIS_URL="redis://127.0.0.1:6379/0",
)
sys.path.insert(0, str(ROOT))

START, END = datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)
WINDOW = "start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=50"


def cpu_ms(fn, n: int = 200) -> float:
    for _ in range(20):
        fn()
    t = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - t) / n * 1000


def main() -> None:
    import flask

    from bench.fastdump import compile_dumper
    from bench.wsgi_bench import app
    from calapp.api import page_of
    from calapp.events import service
    from calapp.events.schemas import EventSchema
    from calapp.extensions import db
    from calapp.security import Principal

    client = app.test_client()
    login = client.post(
        "/auth/login", json={"email": SEED["bench_user"], "password": SEED["password"]}
    ).json
    auth = {"Authorization": "Bearer " + login["access_token"]}
    user = SEED["bench_user_id"]

    def get(url, headers=None):
        def call():
            response = client.get(url, headers=headers or {})
            assert response.status_code == 200, response.status_code

        return call

    print("whole requests (Flask test client), CPU ms per request:")
    for label, call in (
        ("GET /health", get("/health")),
        ("GET /auth/me (auth + one user)", get("/auth/me", auth)),
        ("GET /events, empty window", get(
            "/events?start=2030-06-01T00:00:00Z&end=2030-06-02T00:00:00Z", auth)),
        ("GET /events?start&end&limit=50", get("/events?" + WINDOW, auth)),
        ("ceiling (same 50 rows)", get(
            f"/bench/events-ceiling?{WINDOW}&user={user}")),
    ):  # fmt: skip
        print(f"  {label:38} {cpu_ms(call):6.2f}")

    principal = Principal(user_id=uuid.UUID(user))
    page_schema = page_of(EventSchema)()
    fast = compile_dumper(EventSchema)
    with app.test_request_context():

        def list_page():
            result = service.list_page(
                principal, limit=50, cursor=None, start=START, end=END
            )
            db.session.expunge_all()  # a fresh identity map, as in a request
            return result

        items, cursor = service.list_page(
            principal, limit=50, cursor=None, start=START, end=END
        )
        page = {"items": items, "next_cursor": cursor}
        data = page_schema.dump(page)
        print("phases of the real list, CPU ms:")
        for label, call in (
            ("service.list_page (SQL + ORM + children)", list_page),
            ("page_of(EventSchema).dump (marshmallow)", lambda: page_schema.dump(page)),
            ("  same with bench/fastdump.py", lambda: [fast(e) for e in items]),
            ("JSON encoding (flask.json.dumps)", lambda: flask.json.dumps(data)),
        ):
            print(f"  {label:42} {cpu_ms(call):6.2f}")

    if "--cprofile" in sys.argv:
        import cProfile
        import pstats

        profile = cProfile.Profile(time.process_time)
        call = get("/events?" + WINDOW, auth)
        profile.enable()
        for _ in range(100):
            call()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
