"""Summarise one ``bench/recurrence/run.sh`` run as Markdown (writes summary.md).

    python bench/recurrence/summarize.py bench/out/recurrence-<timestamp>

Files are ``<query>-<variant>-r<round>.txt`` (wrk ``--latency`` output), and
``inproc.md`` (``inproc.py``). The targets:
a week with the 500 series (5y) costs at most 3x the week with none, and the
10-year variant costs the same as the 1-year one (within 15%, the run's noise).
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
QUERIES = ["week-50", "week-200", "month-50", "month-200"]
VARIANTS = ["none", "1y", "5y", "10y"]
SAME = 1.15


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(value) * UNITS[unit]


def parse(path: Path) -> dict:
    text = path.read_text()
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        out[f"p{pct}"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non2xx"] = int(bad.group(1)) if bad else 0
    return out


def _aggregate(runs: list[dict]) -> dict:
    """Rounds of one query and variant: mean req/s, median p50, worst p99."""
    return {
        "rps": statistics.mean(x["rps"] for x in runs),
        "p50": statistics.median(x["p50"] for x in runs),
        "p99": max(x["p99"] for x in runs),
        "non2xx": sum(x["non2xx"] for x in runs),
    }


def main(run_dir: str) -> None:
    run = Path(run_dir)
    r = {}
    for q in QUERIES:
        for v in VARIANTS:
            runs = [parse(path) for path in sorted(run.glob(f"{q}-{v}-r*.txt"))]
            if runs:
                r[(q, v)] = _aggregate(runs)
    lines = [
        "wrk under gunicorn: mean req/s, median p50 and worst p99 over the rounds",
        "",
        "| window, limit | series | req/s | p50 (ms) | p99 (ms) | p50 / none |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for (q, v), x in r.items():
        base = r.get((q, "none"))
        ratio = f"{x['p50'] / base['p50']:.2f}x" if base else ""
        label = "none (baseline)" if v == "none" else f"500, from {v[:-1]} y ago"
        window, limit = q.split("-")
        lines.append(
            f"| {window}, {limit} | {label} | {x['rps']:.1f} | {x['p50']:.1f} "
            f"| {x['p99']:.1f} | {ratio} |"
        )
    verdicts = []
    for q in ("week-50", "week-200"):
        if (q, "5y") in r and (q, "none") in r:
            p50 = r[(q, "5y")]["p50"] / r[(q, "none")]["p50"]
            rps = r[(q, "none")]["rps"] / r[(q, "5y")]["rps"]
            ok = p50 <= 3 and rps <= 3
            verdicts.append(
                f"- {q}: 500 series vs none: p50 {p50:.2f}x, req/s {rps:.2f}x "
                f"-- within 3x: **{'met' if ok else 'NOT met'}**"
            )
        if (q, "10y") in r and (q, "1y") in r:
            p50 = r[(q, "10y")]["p50"] / r[(q, "1y")]["p50"]
            rps = r[(q, "1y")]["rps"] / r[(q, "10y")]["rps"]
            ok = max(p50, rps, 1 / p50, 1 / rps) <= SAME
            verdicts.append(
                f"- {q}: started 10 vs 1 years ago: p50 {p50:.2f}x, req/s "
                f"{rps:.2f}x -- the same (within {SAME - 1:.0%}): "
                f"**{'met' if ok else 'NOT met'}**"
            )
    lines += ["", *verdicts]
    if any(x["non2xx"] for x in r.values()):
        lines += ["", "WARNING: some responses were not 2xx; see the raw outputs."]
    inproc = run / "inproc.md"
    if inproc.exists():
        lines += ["", "In-process, one request at a time, interleaved:", ""]
        lines += [inproc.read_text().strip()]
    text = "\n".join(lines) + "\n"
    (run / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1])
