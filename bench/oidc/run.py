"""OpenID Connect sign-in: what calapp's side of a sign-in costs.

    . .venv/bin/activate
    python bench/oidc/run.py          # ~1 min

Bench-only code. Drops and recreates ``calapp_bench_oidc`` (real migrations),
starts the test provider (tests/oidc/provider, oidc-provider under node) on
loopback, and signs in ROUNDS new people through the app in-process (Flask's
test client). The person's part at the provider (login and consent forms) is
not timed; calapp's two requests are:

- authorize: a state row and the redirect (discovery from the cache, except
  the first time);
- callback: the state taken, the code exchanged at the token endpoint (one
  HTTP round trip), the ID token checked against the JWKS (cached after the
  first), UserInfo (one round trip: this provider keeps the email out of the ID
  token), the account and identity written, a session opened.

Prints the first (cold caches) and the median / p95 of the others, in ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.oidc.conftest import (  # noqa: E402
    PROVIDER_DIR,
    browser,
    path_of,
    provider_config,
)
from tests.servers import free_port  # noqa: E402

DB_NAME = "calapp_bench_oidc"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
ROUNDS = 30


def recreate_database() -> None:
    conn = psycopg2.connect(ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(DB_NAME)))  # fmt: skip
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    conn.close()


def start_provider() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        ["node", "provider.mjs", str(port), "http://localhost/auth/oidc/local/callback"],  # noqa: S607
        cwd=PROVIDER_DIR, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    for line in process.stdout:
        if line.startswith("READY "):
            return process, line.split()[1]
    raise SystemExit("the provider did not start")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def main() -> None:
    from flask_migrate import upgrade

    from calapp import create_app

    recreate_database()
    provider, issuer = start_provider()
    try:
        app = create_app(
            {
                "DATABASE_URL": DB_URL,
                "REDIS_URL": "redis://127.0.0.1:6379/10",
                "RATELIMIT_ENABLED": False,
                "AUTO_MIGRATE": False,
                "OIDC_PROVIDERS": {"local": provider_config(issuer)},
            }
        )
        with app.app_context():
            upgrade()
        client = app.test_client()
        authorize, callback = [], []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            r = client.get("/auth/oidc/local/authorize")
            authorize.append(time.perf_counter() - started)
            back = browser(
                r.headers["Location"], f"b-{uuid.uuid4().hex[:8]}@example.com"
            )
            started = time.perf_counter()
            r = client.get(path_of(back))
            callback.append(time.perf_counter() - started)
            assert r.status_code == 200, r.get_json()
    finally:
        provider.terminate()
        provider.wait(10)
    for name, times in (("authorize", authorize), ("callback", callback)):
        rest = sorted(times[1:])
        p95 = rest[int(len(rest) * 0.95) - 1]
        print(
            f"{name}: first {ms(times[0])} ms, median {ms(statistics.median(rest))} "
            f"ms, p95 {ms(p95)} ms ({len(rest)} warm)"
        )


if __name__ == "__main__":
    main()
