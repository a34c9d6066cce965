"""WSGI entry point: ``gunicorn -c gunicorn.conf.py wsgi:app``, ``flask --app wsgi``.

Under the ``flask`` command, the local zero-config setup (neither ``CALAPP_ENV``
nor ``DATABASE_URL`` set) gets the defaults ``make run`` uses, so that
``flask --app wsgi users list`` works beside it; and a configuration error is one
line saying what to set, not a traceback.
"""

import gc
import os
import sys
from pathlib import Path

from calapp import create_app
from config import ConfigError


def _under_flask_cli() -> bool:
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.name == "flask" or program.parts[-2:] == ("flask", "__main__.py")


if _under_flask_cli():
    if (
        not os.environ.get("CALAPP_ENV", "").strip()
        and not os.environ.get("DATABASE_URL", "").strip()
    ):
        os.environ["CALAPP_ENV"] = "development"  # what `make run` uses
    try:
        app = create_app()
    except ConfigError as exc:
        raise SystemExit(f"Error: {exc}") from None
else:
    app = create_app()

# What start-up built (modules, the app, its schemas and compiled statements)
# lives as long as the process: moved out of the collector's reach, a full
# collection no longer walks those ~200,000 objects, which cost a request that
# triggered one ~100 ms.
gc.freeze()
