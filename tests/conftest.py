"""Test fixtures: a real PostgreSQL built by the migrations, a real Redis.

Each test runs inside one outer transaction; the app's commits and rollbacks act
on savepoints (``join_transaction_mode="create_savepoint"``), so every test starts
from an empty database. Tests that need real concurrency use ``committing_db``.
"""

from __future__ import annotations

import os
import socket
import uuid
from urllib.parse import urlsplit

import psycopg2
import pytest
import redis
import sqlalchemy as sa
from flask_sqlalchemy.session import Session as FlaskSession
from psycopg2 import sql

os.environ["CALAPP_ENV"] = "testing"
os.environ.setdefault("JWT_SECRET_KEY", "test-secret-" + "x" * 40)

DEFAULT_TEST_DB = "postgresql+psycopg2://postgres@127.0.0.1:5432/calapp_test"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "correct-horse-9"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _test_database_url(worker: str) -> str:
    from calapp.embedded import normalise_url, start_embedded

    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = normalise_url(url)
    elif _reachable("127.0.0.1", 5432):
        url = DEFAULT_TEST_DB
    else:  # a laptop with no server: the embedded PostgreSQL
        from calapp import PROJECT_ROOT

        (PROJECT_ROOT / "instance").mkdir(exist_ok=True)
        url = start_embedded(PROJECT_ROOT / "instance" / "test-pgdata", "postgres")
        url = (
            url.rsplit("/", 1)[0]
            + "/calapp_test"
            + ("?" + url.split("?", 1)[1] if "?" in url else "")
        )
    if worker != "master":
        parts = urlsplit(url)
        url = url.replace(parts.path, f"{parts.path}_{worker}", 1)
    return url


def _admin(url: str, *statements) -> None:
    engine_url = sa.make_url(url)
    name = engine_url.database
    admin = engine_url.set(database="postgres", drivername="postgresql")
    conn = psycopg2.connect(admin.render_as_string(hide_password=False))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        for statement in statements:
            cur.execute(sql.SQL(statement).format(sql.Identifier(name)))
    conn.close()


def _recreate_database(url: str) -> None:
    _admin(url, "DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}")


def _drop_database(url: str) -> None:
    _admin(url, "DROP DATABASE IF EXISTS {}")


def _check_redis() -> None:
    try:
        # Closed at once: a client left to the garbage collector closes its
        # socket late, and the ResourceWarning fails the run at its end.
        with redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2) as r:
            r.ping()
    except redis.RedisError as exc:
        pytest.exit(
            f"Redis is not reachable at {TEST_REDIS_URL} ({exc}). The rate-limit and "
            "job tests need a real Redis: start one or set TEST_REDIS_URL.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def database_url():
    """A fresh database for this run, dropped at the end.

    The default name carries the process id, so concurrent runs on one server
    never drop each other's database.
    """
    url = _test_database_url(os.environ.get("PYTEST_XDIST_WORKER", "master"))
    if not os.environ.get("TEST_DATABASE_URL"):
        parts = urlsplit(url)
        url = url.replace(parts.path, f"{parts.path}_{os.getpid()}", 1)
    _recreate_database(url)
    yield url
    _drop_database(url)


@pytest.fixture(scope="session")
def app_config(database_url):
    _check_redis()
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": TEST_REDIS_URL,
        "BCRYPT_ROUNDS": 4,
        "RATELIMIT_DEFAULT": "100000 per minute",
        "RATELIMIT_AUTH": "100000 per minute",
        "RATELIMIT_PUBLIC": "100000 per minute",
        "TESTING": True,
        "PROPAGATE_EXCEPTIONS": False,
        "AUTO_MIGRATE": False,
    }


@pytest.fixture(scope="session")
def app(app_config):
    from flask_migrate import upgrade

    from calapp import create_app
    from calapp.extensions import db

    app = create_app(app_config)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


class _ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy's session, pinned to the test's connection."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture(autouse=True)
def db_session(request, app):
    """Wrap the test in a transaction that is rolled back at the end.

    No app context stays pushed during the test: Flask 3.1 would reuse it (and
    ``g`` with it) for every test-client request.
    """
    from calapp.extensions import db, limiter

    if "committing_db" in request.fixturenames:
        yield None
        return
    with app.app_context():
        limiter.reset()
        connection = db.engine.connect()
    outer = connection.begin()
    original = db.session
    db.session = db._make_scoped_session(
        {
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
            "class_": _ConnectionBoundSession,
        }
    )
    try:
        yield db.session
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()


@pytest.fixture
def committing_db(app):
    """Real commits on real connections; every table is emptied afterwards."""
    from calapp.extensions import db, limiter

    with app.app_context():
        limiter.reset()
    yield
    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        db.session.execute(sa.text(f"TRUNCATE {tables} CASCADE"))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ctx(app):
    """An app context for calling services directly (never held across requests)."""
    with app.app_context():
        yield


@pytest.fixture
def run_task_at(app, monkeypatch):
    """Run a huey task's body as the consumer does (an app context of its own),
    its clock at ``now() + ahead``: ``run_task_at(task, timedelta(hours=2))``."""
    from calapp import queue
    from calapp.users.service import now

    saved = queue._app, queue._app_pid
    queue.set_app(app)

    def run(task, ahead):
        later = now() + ahead
        monkeypatch.setattr(queue, "clock", lambda: later)
        return task.call_local()

    yield run
    queue._app, queue._app_pid = saved


# --- factories ----------------------------------------------------------------------


@pytest.fixture
def make_user(app):
    from calapp.extensions import db
    from calapp.users import service

    def make(email: str | None = None, password: str = PASSWORD, **kwargs):
        # An established account: its email verified (``email_verified=False``
        # for a fresh registration that has not followed its link yet).
        kwargs.setdefault("email_verified", True)
        with app.app_context():
            user = service.create_user(
                email or f"user-{uuid.uuid4().hex[:10]}@example.com", password, **kwargs
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


class Auth:
    """Credentials for requests: ``auth.jwt(user)`` or ``auth.key(user, scopes)``."""

    def __init__(self, app):
        self.app = app

    def tokens(self, user):
        from calapp.auth import service
        from calapp.extensions import db
        from calapp.users.models import User
        from calapp.users.service import now

        with self.app.app_context():
            pair = service.start_session(db.session.get(User, user.id), now())
            db.session.commit()
            return pair.access_token, pair.refresh_token

    def jwt(self, user) -> dict:
        return {"Authorization": f"Bearer {self.tokens(user)[0]}"}

    def key(self, user, scopes) -> dict:
        from calapp.api_keys import service
        from calapp.extensions import db
        from calapp.users.service import now

        with self.app.app_context():
            _, secret = service.create(user.id, "test", list(scopes), now())
            db.session.commit()
        return {"X-API-Key": secret}


@pytest.fixture
def auth(app):
    return Auth(app)


@pytest.fixture
def user(make_user):
    return make_user()


@pytest.fixture
def headers(auth, user):
    return auth.jwt(user)


@pytest.fixture
def statements(app):
    """Every SQL statement the app sends while the fixture is in use."""
    from calapp.extensions import db

    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", record)
