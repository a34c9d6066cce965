"""Single-request latency of each variant, in-process and interleaved (bench only).

    python bench/recurrence/inproc.py [--rounds 30]

Complements wrk on a shared machine: one app per benchmark database in one
process, requests issued one at a time, round-robin over the variants, so that
background load hits every variant alike; the minimum and the median of each are
reported (the minimum is the least disturbed by other processes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.recurrence.profile import QUERIES  # noqa: E402
from bench.recurrence.seed import EMAIL, JWT_SECRET, PASSWORD  # noqa: E402

VARIANTS = {
    "none": "calapp_bench_rec_none",
    "1y": "calapp_bench_rec_1y",
    "5y": "calapp_bench_rec",
    "10y": "calapp_bench_rec_10y",
}


def clients():
    os.environ.update(
        CALAPP_ENV="production",
        JWT_SECRET_KEY=JWT_SECRET,
        RATELIMIT_ENABLED="false",
        AUTO_MIGRATE="false",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    from calapp import create_app

    out = {}
    for name, database in VARIANTS.items():
        os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{database}"
        client = create_app().test_client()
        login = client.post("/auth/login", json={"email": EMAIL, "password": PASSWORD})
        token = login.get_json()["access_token"]
        out[name] = (client, {"Authorization": f"Bearer {token}"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--queries", nargs="*", default=list(QUERIES))
    args = parser.parse_args()
    apps = clients()
    print(
        f"ms a request, {args.rounds} rounds: min wall / median wall / "
        "min CPU of this process\n"
    )
    print("| window, limit | " + " | ".join(VARIANTS) + " | 5y / none | 10y / 1y |")
    print("| --- |" + " ---: |" * (len(VARIANTS) + 2))
    for query in args.queries:
        url = f"/events?{QUERIES[query]}"
        wall: dict[str, list[float]] = {name: [] for name in VARIANTS}
        cpu: dict[str, list[float]] = {name: [] for name in VARIANTS}
        for round_ in range(args.rounds + 2):
            for name, (client, headers) in apps.items():
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url, headers=headers)
                took, used = time.perf_counter() - t0, time.process_time() - c0
                assert response.status_code == 200, response.get_json()
                if round_ >= 2:  # two warm-up rounds
                    wall[name].append(took * 1000)
                    cpu[name].append(used * 1000)
        cells = [
            f"{min(wall[n]):.0f} / {statistics.median(wall[n]):.0f} / {min(cpu[n]):.0f}"
            for n in VARIANTS
        ]
        ratio = min(wall["5y"]) / min(wall["none"])
        years = min(wall["10y"]) / min(wall["1y"])
        print(f"| {query} | " + " | ".join(cells) + f" | {ratio:.2f}x | {years:.2f}x |")


if __name__ == "__main__":
    main()
