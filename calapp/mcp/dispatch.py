"""Running a tool for a principal: the scope check, the argument schema, the
service call, the commit, and errors as MCP tool errors.

Plain synchronous functions over the app's database session: the HTTP face runs
them inside the Flask request, the stdio face inside an app context per call.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import marshmallow as ma
import orjson
from flask import current_app

from calapp.api import (
    _first_message,
    _string_keys,
    database_unavailable,
    is_database_outage,
)
from calapp.errors import AppError, NotFound, ValidationError
from calapp.events.reads import dumps as dumps_shaped
from calapp.extensions import db
from calapp.mcp.schemas import json_schema
from calapp.mcp.tools import BY_NAME, TOOLS, Tool
from calapp.security import Principal

log = logging.getLogger("calapp")


@dataclass
class Outcome:
    """A tool's result: ``structured`` (JSON object) or ``text``; ``error`` set
    (the API's error body) when the call failed."""

    text: str
    structured: dict | None = None
    error: dict | None = None


def tool_specs(principal: Principal) -> list[dict]:
    """The tools ``principal``'s scopes allow, as MCP tool definitions."""
    return [_spec(tool.name) for tool in TOOLS if tool.allowed(principal)]


SPECS = "calapp.mcp.tool_specs"


def _spec(name: str) -> dict:
    """A tool's definition, built once per app: each app has its own OpenAPI
    document, where the schemas come from."""
    specs = current_app.extensions.setdefault(SPECS, {})
    if name not in specs:
        specs[name] = _build_spec(BY_NAME[name])
    return specs[name]


def _build_spec(tool: Tool) -> dict:
    spec = {
        "name": tool.name,
        "description": tool.description,
        "inputSchema": json_schema(tool.arguments, for_input=True),
        "annotations": {
            "readOnlyHint": not tool.writes,
            # Changing or removing what exists, not only adding to it.
            "destructiveHint": tool.name.startswith(("delete_", "update_")),
            "openWorldHint": False,
        },
    }
    if tool.output is not None:
        spec["outputSchema"] = json_schema(tool.output, for_input=False)
    if tool.scopes:
        spec["_meta"] = {"calapp/scopes": list(tool.scopes)}
    return spec


def call(principal: Principal, name: str, arguments: dict | None) -> Outcome:
    """Run the tool ``name``; every failure comes back as an error ``Outcome``."""
    tool = BY_NAME.get(name)
    try:
        if tool is None or not tool.allowed(principal):
            if tool is not None:
                principal.require(*tool.scopes)
            raise NotFound(f"Unknown tool {name!r}")
        return _run(tool, principal, _load(tool, arguments))
    except AppError as error:
        db.session.rollback()
        return _failed(error)
    except Exception as error:
        db.session.rollback()
        if is_database_outage(error):
            log.warning("database unavailable in MCP tool %s: %s", name, error)
            return _failed(database_unavailable())
        # As the REST API's catch-all: logged with the request id, a bare 500.
        log.exception("unhandled error in MCP tool %s", name)
        return _failed(AppError())  # status 500, code internal_error


def _load(tool: Tool, arguments: dict | None) -> dict:
    try:
        return tool.arguments().load(arguments or {})
    except ma.ValidationError as error:
        details = _string_keys(error.normalized_messages())
        raise ValidationError(_first_message(details), details=details) from None


def _run(tool: Tool, principal: Principal, args: dict) -> Outcome:
    result = tool.run(principal, args)
    if tool.output is None:
        return Outcome(text=result)
    if tool.shaped:
        text = dumps_shaped(result).decode()
        structured = json.loads(text)
    else:
        structured = json.loads(
            orjson.dumps(tool.output().dump(result), default=str).decode()
        )
        text = json.dumps(structured, ensure_ascii=False)
    return Outcome(text=text, structured=structured)


def _failed(error: AppError) -> Outcome:
    body = error.to_dict()
    return Outcome(text=json.dumps(body, ensure_ascii=False), error=body)
