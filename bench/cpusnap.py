"""CPU seconds used so far by the benchmark's server side, as JSON on stdout.

    python bench/cpusnap.py <gunicorn master pid> <database url>

``app``: the gunicorn master and its workers (utime + stime, /proc/<pid>/stat);
``db``: the PostgreSQL backends connected to the benchmark database (the bench
user is the only client of ``calapp_bench`` during a run). ``bench/run.sh`` takes
one snapshot before and one after each wrk run; ``summarize.py`` divides the
difference by the number of requests: CPU milliseconds per request, on each side.
"""

from __future__ import annotations

import json
import os
import sys

import psycopg2

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # after "pid (comm)": state ppid ... utime(14th) stime(15th) of the full line
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def main(master: int, url: str) -> None:
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            got = _stat(int(entry))
            if got:
                stats[int(entry)] = got
    app = {
        pid: cpu
        for pid, (ppid, cpu) in stats.items()
        if pid == master or ppid == master
    }
    conn = psycopg2.connect(url)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cur.fetchall()]
    conn.close()
    db = {pid: stats[pid][1] for pid in backends if pid in stats}
    json.dump({"app": app, "db": db}, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
