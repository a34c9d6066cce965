"""Real servers for the stream tests: the stream process (gunicorn, gevent
worker) and, for the many-nodes test, API gunicorns, all on the test database."""

from __future__ import annotations

import pytest

from tests.servers import Servers


@pytest.fixture(scope="module")
def servers(app, database_url, tmp_path_factory):
    started = Servers(database_url, tmp_path_factory.mktemp("servers"))
    yield started
    started.stop()


@pytest.fixture(scope="module")
def stream(servers):
    """Base URL of a stream process (liveness checked every second)."""
    return servers.stream()
