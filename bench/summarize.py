"""Summarise the wrk outputs of one ``bench/run.sh`` run as a Markdown table.

    python bench/summarize.py bench/out/<run>    # reads <name>.txt, writes summary.md

A run's files are named ``NN-<endpoint>.txt`` (wrk ``--latency`` output); the
ratio is real list / ceiling requests/s, over every round of both.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
LABELS = {
    "ceiling": "ceiling: bare Core SELECT of the same 50 rows (no auth)",
    "events_list": "GET /events?start&end&limit=50 (JWT)",
    "events_list_apikey": "GET /events?start&end&limit=50 (API key)",
    "contacts_search": "GET /contacts?search=ab (API key)",
    "events_create": "POST /events (API key)",
}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(value) * UNITS[unit]


def parse(path: Path) -> dict:
    text = path.read_text()
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        out[f"p{pct}"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M).group(1))
    out["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non2xx"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: (.*)", text)
    out["socket_errors"] = errors.group(1).strip() if errors else ""
    return out


def cpu_per_request(run: Path, stem: str, requests: int) -> tuple[float, float] | None:
    """(app, db) CPU ms per request from the snapshots around one wrk run."""
    try:
        before = json.loads((run / f"{stem}.cpu-before.json").read_text())
        after = json.loads((run / f"{stem}.cpu-after.json").read_text())
    except FileNotFoundError:
        return None
    out = []
    for side in ("app", "db"):
        # a process that appeared during the run counts from zero
        used = sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items())
        out.append(used * 1000 / requests)
    return out[0], out[1]


def main(run_dir: str) -> None:
    run = Path(run_dir)
    rows = []
    for path in sorted(run.glob("[0-9][0-9]-*.txt")):
        name = path.stem.split("-", 1)[1]
        rows.append((path.stem, name, parse(path)))
    lines = [
        "| run | endpoint | req/s | p50 (ms) | p99 (ms) | requests | non-2xx "
        "| CPU ms/req: app | CPU ms/req: PostgreSQL |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stem, name, r in rows:
        note = f" ({r['socket_errors']})" if r["socket_errors"] else ""
        cpu = cpu_per_request(run, stem, r["requests"])
        app_ms, db_ms = (f"{cpu[0]:.2f}", f"{cpu[1]:.2f}") if cpu else ("", "")
        lines.append(
            f"| {stem} | {LABELS.get(name, name)} | {r['rps']:.1f} | {r['p50']:.1f} "
            f"| {r['p99']:.1f} | {r['requests']} | {r['non2xx']}{note} "
            f"| {app_ms} | {db_ms} |"
        )
    ceiling = [r["rps"] for _, n, r in rows if n == "ceiling"]
    real = [r["rps"] for _, n, r in rows if n == "events_list"]
    if ceiling and real:
        ratio = (sum(real) / len(real)) / (sum(ceiling) / len(ceiling))
        verdict = "met" if ratio >= 0.60 else "NOT met"
        lines += [
            "",
            f"Real list / ceiling (mean req/s over {len(real)} round(s)): "
            f"{sum(real) / len(real):.1f} / {sum(ceiling) / len(ceiling):.1f} = "
            f"**{ratio:.0%}** -- 60% target {verdict}.",
        ]
    cpu = {"ceiling": [], "events_list": []}
    for stem, name, r in rows:
        got = cpu_per_request(run, stem, r["requests"]) if name in cpu else None
        if got:
            cpu[name].append(sum(got))
    if cpu["ceiling"] and cpu["events_list"]:
        c = sum(cpu["ceiling"]) / len(cpu["ceiling"])
        e = sum(cpu["events_list"]) / len(cpu["events_list"])
        lines += [
            "",
            f"Server CPU per request (gunicorn + PostgreSQL): ceiling {c:.1f} ms, "
            f"real list {e:.1f} ms; ceiling / real = {c / e:.0%} (the req/s ratio "
            "a box busy with this benchmark alone would show).",
        ]
    if any(r["non2xx"] for _, _, r in rows):
        lines += ["", "WARNING: some responses were not 2xx; see the raw outputs."]
    text = "\n".join(lines) + "\n"
    (run / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1])
