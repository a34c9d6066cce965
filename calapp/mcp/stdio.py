"""``flask mcp serve``: the MCP server over stdio, for agents that start it as a
subprocess (Claude Desktop-style configurations), with the API key in
``CALAPP_API_KEY``.

Every message runs in an app context of its own and checks the key again, so a
revoked or expired key stops working at once, as it does over HTTP.
"""

from __future__ import annotations

import os

import anyio
import click
from flask import Flask, current_app
from flask.cli import AppGroup
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_REQUEST

from calapp.auth.service import principal_from_api_key
from calapp.errors import AppError
from calapp.mcp import server as mcp_server

ENV_KEY = "CALAPP_API_KEY"

mcp_cli = AppGroup("mcp", help="The MCP server for agents.")


@mcp_cli.command("serve")
def serve() -> None:
    """Serve MCP over stdin/stdout as the owner of CALAPP_API_KEY."""
    key = os.environ.get(ENV_KEY, "").strip()
    if not key:
        raise click.ClickException(
            f"{ENV_KEY} is not set: create a key with POST /api-keys (or "
            "`flask api-keys create`) and pass it in the environment"
        )
    app = current_app._get_current_object()
    try:
        with app.app_context():
            principal_from_api_key(key)
    except AppError as error:
        raise click.ClickException(f"{ENV_KEY}: {error.message}") from None
    anyio.run(_serve, app, key)


def _caller(app: Flask, key: str):
    def run(work):
        with app.app_context():
            try:
                principal = principal_from_api_key(key)
            except AppError as error:
                raise MCPError(
                    INVALID_REQUEST, error.message, data=error.to_dict()
                ) from None
            return work(principal)

    return run


async def _serve(app: Flask, key: str) -> None:
    mcp_server.caller.set(_caller(app, key))
    sdk_server = mcp_server.build()
    async with stdio_server() as (read_stream, write_stream):
        await sdk_server.run(
            read_stream, write_stream, sdk_server.create_initialization_options()
        )
