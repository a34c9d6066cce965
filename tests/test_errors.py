"""One error format everywhere (API.md §1), request ids and security headers."""

import logging
import uuid

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def make_app(app, app_config):
    """Build another app with ``create_app``; the shared limiter goes back to ``app``.

    ``create_app`` points the module-level ``limiter`` at the newest app's storage.
    """
    from calapp import create_app
    from calapp.extensions import limiter

    saved = dict(vars(limiter))
    yield lambda **overrides: create_app({**app_config, **overrides})
    vars(limiter).clear()
    vars(limiter).update(saved)


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) <= {"error", "code", "details"}
    assert body["code"] == code
    assert isinstance(body["error"], str) and body["error"]
    return body


def test_unknown_route_is_404_json(client):
    _assert_error(client.get("/no/such/route"), 404, "not_found")


def test_wrong_method_is_405_with_allow_header(client):
    r = client.get("/auth/login")
    _assert_error(r, 405, "method_not_allowed")
    assert {m.strip() for m in r.headers["Allow"].split(",")} >= {"POST"}
    assert "GET" not in r.headers["Allow"]


def test_body_over_max_content_length_is_413(make_app):
    small = make_app(MAX_CONTENT_LENGTH=100)
    r = small.test_client().post(
        "/auth/login", json={"email": "a@example.com", "password": "x" * 200}
    )
    _assert_error(r, 413, "payload_too_large")


def test_body_under_max_content_length_is_processed(make_app):
    small = make_app(MAX_CONTENT_LENGTH=100)
    r = small.test_client().post(
        "/auth/login", json={"email": "a@example.com", "password": PASSWORD}
    )
    _assert_error(r, 401, "invalid_credentials")


def test_non_json_body_is_415(client):
    r = client.post(
        "/auth/login", data="email=a@example.com", content_type="text/plain"
    )
    _assert_error(r, 415, "unsupported_media_type")


def test_form_body_is_415(client):
    r = client.post("/auth/login", data={"email": "a@example.com", "password": "x"})
    _assert_error(r, 415, "unsupported_media_type")


def test_malformed_json_is_400_invalid_json(client):
    r = client.post(
        "/auth/login",
        data='{"email": "a@example.com",',
        content_type="application/json",
    )
    _assert_error(r, 400, "invalid_json")


def test_json_that_is_not_an_object_is_400(client):
    r = client.post("/auth/login", json=["a@example.com", PASSWORD])
    _assert_error(r, 400, "validation_error")


def test_missing_fields_are_400_with_details(client):
    r = client.post("/auth/login", json={})
    body = _assert_error(r, 400, "validation_error")
    assert set(body["details"]) == {"email", "password"}


def test_malformed_uuid_in_path_is_400(client, headers):
    r = client.delete("/api-keys/12345", headers=headers)
    body = _assert_error(r, 400, "validation_error")
    assert "details" in body


def test_missing_credentials_is_401_json(client):
    _assert_error(client.get("/users/me"), 401, "unauthorized")


@pytest.fixture
def failing_app(make_app):
    broken = make_app()

    @broken.route("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    return broken


def test_unexpected_error_is_a_generic_500(failing_app):
    r = failing_app.test_client().get("/boom")
    body = _assert_error(r, 500, "internal_error")
    assert body == {"error": "Internal server error", "code": "internal_error"}
    text = r.get_data(as_text=True)
    assert "Traceback" not in text and "hunter2" not in text


def test_unexpected_error_is_logged_with_the_request_id(failing_app, caplog):
    # calapp's logger does not propagate: listen on it, not on the root logger.
    with caplog.at_level(logging.ERROR, logger="calapp"):
        r = failing_app.test_client().get("/boom", headers={"X-Request-ID": "req-42"})
    assert r.headers["X-Request-ID"] == "req-42"
    (record,) = [rec for rec in caplog.records if rec.levelno >= logging.ERROR]
    assert "req-42" in record.getMessage()
    assert record.request_id == "req-42"
    assert record.exc_info is not None and "hunter2" in str(record.exc_info[1])


def test_sane_request_id_is_echoed(client):
    r = client.get("/health", headers={"X-Request-ID": "abc-123.DEF:9_z"})
    assert r.headers["X-Request-ID"] == "abc-123.DEF:9_z"


def test_request_id_is_generated_when_absent(client):
    first = client.get("/health").headers["X-Request-ID"]
    second = client.get("/health").headers["X-Request-ID"]
    assert first and second and first != second


@pytest.mark.parametrize(
    "given",
    ["x" * 300, "has spaces in it", "semi;colon", "<script>"],
    ids=["300-chars", "spaces", "semicolon", "markup"],
)
def test_insane_request_id_is_replaced(client, given):
    echoed = client.get("/health", headers={"X-Request-ID": given}).headers[
        "X-Request-ID"
    ]
    assert echoed != given
    assert uuid.UUID(hex=echoed)


def test_error_responses_carry_the_request_id(client):
    r = client.get("/no/such/route", headers={"X-Request-ID": "trace-404"})
    assert r.status_code == 404
    assert r.headers["X-Request-ID"] == "trace-404"


@pytest.mark.parametrize("path", ["/health", "/no/such/route", "/users/me"])
def test_security_headers_are_present(client, path):
    r = client.get(path)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/health").headers
    r = client.get("/health", base_url="https://localhost")
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
