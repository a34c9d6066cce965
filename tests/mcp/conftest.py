"""A live API under gunicorn for the MCP clients, and a client session helper."""

from __future__ import annotations

import contextlib

import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client

from tests.servers import Servers


@pytest.fixture(scope="module")
def live_api(app, database_url, tmp_path_factory):
    """The API under gunicorn (sync workers, as in production) on the test
    database (migrated by ``app``)."""
    servers = Servers(database_url, tmp_path_factory.mktemp("mcp-servers"))
    try:
        yield servers.api(workers=1, threads=4)
    finally:
        servers.stop()


@contextlib.asynccontextmanager
async def mcp_session(base_url: str, headers: dict):
    """An initialised MCP client session over streamable HTTP."""
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        streamable_http_client(f"{base_url}/mcp", http_client=http) as streams,
        ClientSession(*streams) as session,
    ):
        await session.initialize()
        yield session


@pytest.fixture
def full_scopes():
    from calapp.security import ALL_SCOPES

    return sorted(ALL_SCOPES)
