"""The OpenAPI document and the self-hosted Swagger UI."""

import importlib
import pkgutil
import re
from html.parser import HTMLParser

import marshmallow as ma
import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

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


# --- for agents and generators: ids, descriptions, examples, error codes -----------

SCHEMA_PREFIX = "#/components/schemas/"
# "camelCase": a verb, then words; letters and digits only.
OPERATION_ID = re.compile(r"^[a-z]+(?:[A-Z0-9][a-z0-9]*)*$")
MIN_DESCRIPTION_WORDS = 8


def _component(spec, schema: dict) -> tuple[str, dict]:
    name = schema["$ref"].removeprefix(SCHEMA_PREFIX)
    return name, spec["components"]["schemas"][name]


def _validator(spec, schema: dict):
    """A JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) of ``schema``, its
    ``$ref``s resolved in the document, formats (date-time, email, uuid) checked."""
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:calapp-openapi", resource)
    ref = schema["$ref"].replace("#", "urn:calapp-openapi#", 1)
    return Draft202012Validator(
        {"$ref": ref},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_every_operation_has_a_camel_case_operation_id(spec):
    wrong = [
        f"{name}: {op.get('operationId')!r}"
        for name, op in _operations(spec)
        if not OPERATION_ID.match(op.get("operationId") or "")
    ]
    assert wrong == [], "operations without a camelCase @blp.doc(operationId=...)"


def test_operation_ids_are_unique(spec):
    seen: dict[str, str] = {}
    duplicates = []
    for name, op in _operations(spec):
        other = seen.setdefault(op.get("operationId"), name)
        if other != name:
            duplicates.append(f"{op['operationId']}: {other} and {name}")
    assert duplicates == []


def test_the_core_operations_have_their_stable_ids(spec):
    ids = {
        name: op.get("operationId")
        for name, op in _operations(spec)
        if name.split()[1]
        in ("/events", "/events/{event_id}", "/calendars/{calendar_id}/booking-link")
        or name.startswith("POST /booking/")
    }
    assert ids["GET /events"] == "listEvents"
    assert ids["POST /events"] == "createEvent"
    assert ids["GET /events/{event_id}"] == "getEvent"
    assert ids["POST /calendars/{calendar_id}/booking-link"] == "createBookingLink"
    assert ids["POST /booking/{token}/reserve"] == "reserveBookingSlot"


def test_every_operation_has_a_description_of_when_to_use_it(spec):
    short = [
        name
        for name, op in _operations(spec)
        if len((op.get("description") or "").split()) < MIN_DESCRIPTION_WORDS
    ]
    assert short == [], (
        "operations whose view docstring has no description after its summary "
        f"line (at least {MIN_DESCRIPTION_WORDS} words)"
    )


def _json_request_bodies(spec):
    for name, op in _operations(spec):
        media = op.get("requestBody", {}).get("content", {}).get("application/json")
        if media is not None:
            yield name, media


def test_every_json_request_body_has_an_example(spec):
    bodies = list(_json_request_bodies(spec))
    assert bodies, "no JSON request body in the doc"
    missing = [
        f"{name} ({media['schema'].get('$ref', 'inline')})"
        for name, media in bodies
        if "example" not in media
        and "examples" not in media
        and "example" not in _component(spec, media["schema"])[1]
    ]
    assert missing == [], "request bodies without an example (an EXAMPLE attribute)"


def test_every_schema_example_validates_against_its_schema(spec):
    examples = {
        name: schema["example"]
        for name, schema in spec["components"]["schemas"].items()
        if "example" in schema
    }
    assert len(examples) >= 20, sorted(examples)
    wrong = {}
    for name, example in examples.items():
        validator = _validator(spec, {"$ref": SCHEMA_PREFIX + name})
        errors = [e.message for e in validator.iter_errors(example)]
        if errors:
            wrong[name] = errors
    assert wrong == {}


def test_every_request_example_passes_the_apps_own_validation(app, spec):
    """What JSON Schema cannot say (one of email or user_id, working-hour windows,
    slot order, IANA zones) accepts each request example too."""
    from calapp.api import Schema

    _import_every_module()
    wrong = {}
    for name, media in _json_request_bodies(spec):
        component, schema = _component(spec, media["schema"])
        example = media.get("example", schema.get("example"))
        owners = [
            cls
            for cls in _subclasses(Schema)
            if cls.__name__ == component + "Schema"
            and vars(cls).get("EXAMPLE") == example
        ]
        assert owners, f"{name}: no {component}Schema with this EXAMPLE"
        try:
            with app.test_request_context():
                owners[0]().load(example)
        except ma.ValidationError as exc:
            wrong[f"{name} ({component})"] = exc.messages
    assert wrong == {}


def test_the_error_code_is_an_enum_of_every_code_the_app_produces(spec):
    from calapp.errors import STATUS_CODES, error_codes

    _import_every_module()
    enum = spec["components"]["schemas"]["Error"]["properties"]["code"]["enum"]
    assert set(error_codes()) <= set(enum), set(error_codes()) - set(enum)
    assert set(STATUS_CODES.values()) <= set(enum)
    for code in ("validation_error", "slot_unavailable", "insufficient_scope"):
        assert code in enum


def test_error_codes_list_the_codes_defined_in_errors_py():
    from calapp import errors

    defined = {
        value.code
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.AppError)
    }
    assert defined <= set(errors.error_codes())
    assert errors.OTHER_STATUS_CODE in errors.error_codes()


def test_calendar_and_vcard_bodies_are_binary_strings(spec):
    binary = {"type": "string", "format": "binary"}
    paths = spec["paths"]
    imports = {
        "/calendars/import": "text/calendar",
        "/contacts/import": "text/vcard",
    }
    for path, media_type in imports.items():
        content = paths[path]["post"]["requestBody"]["content"]
        assert content[media_type]["schema"] == binary
        assert content["multipart/form-data"]["schema"]["properties"]["file"] == binary
    exports = {
        "/calendars/{calendar_id}/export.ics": "text/calendar",
        "/calendars/public/{token}.ics": "text/calendar",
        "/contacts/export.vcf": "text/vcard",
    }
    for path, media_type in exports.items():
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert content[media_type]["schema"] == binary


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _import_every_module():
    """Errors defined anywhere in calapp count, not only in what the app imports."""
    import calapp

    for module in pkgutil.walk_packages(calapp.__path__, "calapp."):
        importlib.import_module(module.name)
