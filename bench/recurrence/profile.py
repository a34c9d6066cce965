"""Profile one ``GET /events`` window in-process with pyinstrument (bench only).

    pip install pyinstrument          # into .venv; not a project requirement
    python bench/recurrence/profile.py calapp_bench_rec_10y week-50 [--html out.html]

Builds the app on the given benchmark database, signs in as the seeded user, runs
the query a few times to warm caches, then profiles ``--repeat`` more requests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUERIES = {
    "week-50": "start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=50",
    "week-200": "start=2026-11-23T00:00:00Z&end=2026-11-30T00:00:00Z&limit=200",
    "month-50": "start=2026-11-01T00:00:00Z&end=2026-12-01T00:00:00Z&limit=50",
    "month-200": "start=2026-11-01T00:00:00Z&end=2026-12-01T00:00:00Z&limit=200",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("database")
    parser.add_argument("query", choices=QUERIES)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--html")
    parser.add_argument("--time-only", action="store_true", help="no profiler")
    args = parser.parse_args()
    from bench.recurrence.seed import EMAIL, JWT_SECRET, PASSWORD

    os.environ.update(
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{args.database}",
        CALAPP_ENV="production",
        JWT_SECRET_KEY=JWT_SECRET,
        RATELIMIT_ENABLED="false",
        AUTO_MIGRATE="false",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    from pyinstrument import Profiler

    from calapp import create_app

    client = create_app().test_client()
    login = client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    url = f"/events?{QUERIES[args.query]}"
    for _ in range(2):
        assert client.get(url, headers=headers).status_code == 200
    profiler = Profiler(interval=0.0005)
    t0, c0 = time.perf_counter(), time.process_time()
    if args.time_only:
        for _ in range(args.repeat):
            client.get(url, headers=headers)
    else:
        with profiler:
            for _ in range(args.repeat):
                client.get(url, headers=headers)
    took = (time.perf_counter() - t0) / args.repeat
    cpu = (time.process_time() - c0) / args.repeat
    print(
        f"{args.database} {args.query}: {took * 1000:.1f} ms a request "
        f"({cpu * 1000:.1f} ms CPU in this process)"
    )
    if args.time_only:
        return
    if args.html:
        Path(args.html).write_text(profiler.output_html())
    else:
        print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
