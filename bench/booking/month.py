"""The public month view: latency of GET /booking/{token}/month in-process.

    python bench/booking/month.py [--no-seed] [--rounds 30]

Seeds ``calapp_bench_booking`` with ``seed.py`` (200 recurring series and 5,000
single events on one calendar, and its booking link; skipped with
``--no-seed``, which reuses ``bench/out/booking-seed.json``), then times the
month view of the link for the current month and the next one (Flask test
client, no HTTP, rate limits off), cold (the busy-block cache emptied before
each request) and warm (the same question again, calendar unchanged). Prints
the median and minimum of each, the days' statuses and the slots offered.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed  # noqa: E402 - bench/booking/seed.py, beside this file


def months(now: datetime) -> list[tuple[int, int]]:
    following = (now.year + now.month // 12, now.month % 12 + 1)
    return [(now.year, now.month), following]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--admin-url", default=seed.DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    url = seed.db_url(args.admin_url)
    if args.no_seed:
        info = json.loads(seed.OUT.read_text())
    else:
        seed.recreate_database(args.admin_url)
        seed.migrate(url)
        info = seed.load(url)
        seed.vacuum(url)
        seed.OUT.parent.mkdir(parents=True, exist_ok=True)
        seed.OUT.write_text(json.dumps({**info, "seed": seed.SEED}))
    os.environ.update(
        DATABASE_URL=url, CALAPP_ENV="development", JWT_SECRET_KEY=seed.JWT_SECRET
    )
    from calapp import create_app
    from calapp.availability import service

    app = create_app({"AUTO_MIGRATE": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    for year, month in months(datetime.now(UTC)):
        path = f"/booking/{info['token']}/month?year={year}&month={month}"
        for label, cold in (("cold", True), ("warm", False)):
            times = []
            for _ in range(args.rounds):
                if cold:
                    service._BUSY_CACHE.clear()
                began = time.perf_counter()
                r = client.get(path)
                times.append((time.perf_counter() - began) * 1000)
                assert r.status_code == 200, r.get_json()
            days = r.get_json()["days"]
            statuses = Counter(d["status"] for d in days)
            print(
                f"{year}-{month:02d} {label}: p50 {statistics.median(times):.1f} ms, "
                f"min {min(times):.1f} ms; {sum(d['slots'] for d in days)} slots, "
                f"{dict(sorted(statuses.items()))}",
                flush=True,
            )


if __name__ == "__main__":
    main()
