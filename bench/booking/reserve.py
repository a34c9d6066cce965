"""Reservation throughput: a thread pool reserving distinct offered slots.

    python bench/booking/reserve.py --base http://127.0.0.1:3129 --token TOKEN \
        [--count 200] [--threads 8] [--days 30]

Reads the link's offered slots for ``--days`` from tomorrow, keeps slots far
enough apart that no two of them conflict (the link's buffer widens each
booking), then POSTs one ``/booking/{token}/reserve`` per slot from ``--threads``
threads, each a new HTTP connection. Every reservation should succeed (200): a
409 here means two "distinct" slots collided, or an offered slot was refused.

Prints reservations/s (successes over wall time) and client-side p50/p90/p99.
Every reservation of one calendar takes that calendar's row lock (see
``calapp.booking.reservations``), so this measures the serialised critical section,
not the parallel capacity of the workers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta


def iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def get_json(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return json.loads(response.read())


def post(url: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback bench server
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def spaced(slots: list[dict], gap: timedelta) -> list[dict]:
    """Slots at least ``gap`` apart (end to next start), ascending."""
    chosen: list[dict] = []
    for slot in slots:
        if not chosen or parse(slot["start"]) >= parse(chosen[-1]["end"]) + gap:
            chosen.append(slot)
    return chosen


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(base: str, token: str, count: int, threads: int, days: int) -> dict:
    start = datetime.now(UTC).replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + timedelta(days=1)
    offered: list[dict] = []
    for first in range(0, days, 30):  # a request may span at most 62 days
        chunk_start = start + timedelta(days=first)
        chunk_end = start + timedelta(days=min(first + 30, days))
        offered += get_json(
            f"{base}/booking/{token}/availability"
            f"?start={iso(chunk_start)}&end={iso(chunk_end)}"
        )["slots"]
    # Each booking keeps its own buffer (not public): a gap of 30 minutes covers
    # two buffers of up to 15.
    slots = spaced(offered, timedelta(minutes=30))[:count]
    url = f"{base}/booking/{token}/reserve"
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()

    def reserve(n: int, slot: dict) -> None:
        body = {
            "name": f"Bench Visitor {n}",
            "email": f"visitor{n}@bench.example",
            "slot_start": slot["start"],
            "slot_end": slot["end"],
            "notes": "bench",
        }
        t0 = time.perf_counter()
        status = post(url, body)
        took = (time.perf_counter() - t0) * 1000
        with lock:
            latencies.append(took)
            statuses[status] += 1

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda item: reserve(*item), enumerate(slots)))
    wall = time.perf_counter() - t0
    return {
        "offered_slots": len(offered),
        "attempted": len(slots),
        "threads": threads,
        "statuses": dict(statuses),
        "wall_s": round(wall, 2),
        "reservations_per_s": round(statuses[200] / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p90_ms": round(percentile(latencies, 90), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    print(json.dumps(run(args.base, args.token, args.count, args.threads, args.days)))


if __name__ == "__main__":
    main()
