"""cProfile of one import (service level, no HTTP), for finding hot spots.

    python bench/ics/profile_import.py FILE [--dry-run] [--top 30]

Needs the bench database (``run.py`` creates it). Imports FILE into a new
calendar and rolls back, so it can be run again and again.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "ics"))

from run import DB_NAME, JWT_SECRET, USER  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}",
        CALAPP_ENV="production",
        JWT_SECRET_KEY=JWT_SECRET,
        LOG_LEVEL="WARNING",
    )
    from calapp import create_app
    from calapp.extensions import db
    from calapp.ics import import_
    from calapp.security import Principal
    from calapp.users import service as users

    app = create_app({"AUTO_MIGRATE": False})
    data = args.file.read_bytes()
    with app.app_context():
        principal = Principal(users.find_by_email(USER).id)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        report, _ = import_.run(
            principal,
            data,
            calendar_id=None,
            mode="merge",
            dry_run=args.dry_run,
            now=users.now(),
        )
        profiler.disable()
        print(f"{time.perf_counter() - started:.2f} s, created {report.created}")
        db.session.rollback()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
