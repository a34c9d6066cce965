"""Every write of the REST API takes an Idempotency-Key, and its doc says so."""

from __future__ import annotations

import pytest

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# WebDAV speaks its own protocol (and is outside the OpenAPI document).
# Not REST: CalDAV/CardDAV, and MCP (JSON-RPC; its tool calls take the key)
NOT_REST = ("/dav", "/.well-known/", "/mcp")
PARAMETER = {"$ref": "#/components/parameters/IdempotencyKey"}
ERROR = {"$ref": "#/components/schemas/Error"}


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").get_json()


def _writes(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method.upper() in WRITES:
                yield f"{method.upper()} {path}", operation


def test_the_header_is_documented_once(spec):
    parameter = spec["components"]["parameters"]["IdempotencyKey"]
    assert parameter["in"] == "header"
    assert parameter["name"] == "Idempotency-Key"
    assert parameter["required"] is False
    assert parameter["schema"]["maxLength"] == 255


def test_every_write_operation_takes_the_header(spec):
    writes = dict(_writes(spec))
    assert "POST /booking/{token}/reserve" in writes
    missing = [name for name, op in writes.items() if PARAMETER not in op["parameters"]]
    assert missing == []


def test_every_write_operation_documents_409_and_422_as_errors(spec):
    wrong = [
        f"{name} {status}"
        for name, op in _writes(spec)
        for status in ("409", "422")
        if op["responses"]
        .get(status, {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
        != ERROR
    ]
    assert wrong == []


def test_reads_do_not_take_the_header(spec):
    reads = [
        op for item in spec["paths"].values() for m, op in item.items() if m == "get"
    ]
    assert all(PARAMETER not in op.get("parameters", []) for op in reads)


def test_every_write_route_honours_the_header(app):
    unguarded = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(NOT_REST):
            continue
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in sorted((rule.methods or set()) & WRITES):
            handler = getattr(view_class, method.lower()) if view_class else view
            if not getattr(handler, "__idempotent__", False):
                unguarded.append(f"{method} {rule.rule}")
    assert unguarded == []
