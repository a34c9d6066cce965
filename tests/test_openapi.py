"""The OpenAPI document and the self-hosted Swagger UI."""

import re
from html.parser import HTMLParser

import pytest
from openapi_spec_validator import validate

ERROR_REF = "#/components/schemas/Error"
# /dav and its discovery redirects speak WebDAV XML, not the API's JSON: they
# are described in the README ("Connect your phone / Thunderbird"), not here.
# /mcp speaks JSON-RPC (MCP); the README's "MCP for agents" describes it.
UNDOCUMENTED = (
    "/static/", "/docs", "/openapi.json", "/dav", "/.well-known/", "/mcp"
)  # fmt: skip
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").get_json()


def _operations(spec):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                yield f"{method.upper()} {path}", op


def _doc_path(rule: str) -> str:
    """Flask's ``/api-keys/<uuid:key_id>`` as OpenAPI's ``/api-keys/{key_id}``."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href")]


def test_openapi_json_is_openapi_3_1(spec):
    assert spec["openapi"] == "3.1.0"
    assert spec["info"]["title"] == "calapp"


def test_openapi_json_is_valid(spec):
    validate(spec)


def test_both_security_schemes_are_documented(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http"
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["apiKeyAuth"] == {
        **schemes["apiKeyAuth"],
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }


def test_error_schema_is_the_one_error_format(spec):
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"error", "code", "details"}
    assert set(error["required"]) == {"error", "code"}


def test_every_route_is_documented(app, spec):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(UNDOCUMENTED):
            continue
        item = spec["paths"].get(_doc_path(rule.rule), {})
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in item:
                missing.append(f"{method} {rule.rule}")
    assert missing == []


def test_every_documented_operation_exists(app, spec):
    routes = {
        (method.lower(), _doc_path(rule.rule))
        for rule in app.url_map.iter_rules()
        for method in rule.methods
    }
    ghosts = [
        name
        for name, _ in _operations(spec)
        if (name.split()[0].lower(), name.split()[1]) not in routes
    ]
    assert ghosts == []


def test_authenticated_operations_document_401_and_403_as_errors(spec):
    authenticated = [(name, op) for name, op in _operations(spec) if op.get("security")]
    assert authenticated, "no authenticated operation in the doc"
    wrong = [
        f"{name} {status}"
        for name, op in authenticated
        for status in ("401", "403")
        if op["responses"]
        .get(status, {})
        .get("content", {})
        .get("application/json", {})
        .get("schema", {})
        .get("$ref")
        != ERROR_REF
    ]
    assert wrong == []


def test_api_key_security_lists_the_required_scopes(spec):
    wrong = [
        name
        for name, op in _operations(spec)
        for requirement in op.get("security", [])
        if "apiKeyAuth" in requirement
        and requirement["apiKeyAuth"] != op.get("x-required-scopes")
    ]
    assert wrong == []


def test_every_operation_has_a_summary(spec):
    assert [name for name, op in _operations(spec) if not op.get("summary")] == []


def test_docs_page_uses_only_local_assets(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    parser = _Refs()
    parser.feed(html)
    assert parser.urls
    assert all(url.startswith("/docs/assets/") for url in parser.urls), parser.urls


def test_docs_assets_are_served(client):
    parser = _Refs()
    parser.feed(client.get("/docs").get_data(as_text=True))
    for url in parser.urls:
        with client.get(url) as r:  # a file response: close it
            assert r.status_code == 200, url
            assert r.get_data()


def test_docs_page_csp_allows_its_own_scripts_only(client):
    csp = client.get("/docs").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "http" not in csp


def test_unknown_docs_asset_is_404_json(client):
    r = client.get("/docs/assets/nope.js")
    assert r.status_code == 404
    assert r.get_json()["code"] == "not_found"


def test_the_calendar_documents_its_nullable_feed_addresses(spec):
    calendar = spec["components"]["schemas"]["Calendar"]
    for name in ("public_url", "webcal_url"):
        assert name in calendar["required"]
        assert calendar["properties"][name]["type"] == ["string", "null"]
        assert calendar["properties"][name]["readOnly"] is True
