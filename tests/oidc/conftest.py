"""A real OpenID provider for the sign-in tests: panva's oidc-provider (a
certified OpenID Connect server) under node, on a loopback port, with the
clients and accounts of provider/provider.mjs.

``browser`` plays the person at the provider with ``requests``: it follows the
redirects and fills the provider's own login and consent forms.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from tests.servers import free_port

PROVIDER_DIR = Path(__file__).parent / "provider"
CALLBACK = "http://localhost/auth/oidc/local/callback"
CLIENTS = {"calapp": "calapp-test-secret", "other-app": "other-test-secret"}
ALLOWED = "https://app.example.com/signed-in"
NODE = shutil.which("node") or "/usr/bin/node"


def _install() -> None:
    """`make test` runs npm ci when the lock changes; a bare pytest run on a
    fresh checkout installs it here once."""
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(  # noqa: S603 - fixed arguments
            ["npm", "ci", "--no-audit", "--no-fund"],  # noqa: S607
            cwd=PROVIDER_DIR,
            check=True,
            capture_output=True,
        )


@pytest.fixture(scope="session")
def oidc_issuer():
    _install()
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [NODE, "provider.mjs", str(port), CALLBACK],
        cwd=PROVIDER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    ready = threading.Event()
    lines: list[str] = []

    def watch():
        for line in process.stdout:
            lines.append(line)
            if line.startswith("READY "):
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(30):
        process.kill()
        pytest.fail(f"oidc-provider did not start: {''.join(lines)}")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)
    process.stdout.close()


def new_email() -> str:
    """An address no test has signed in with (it is also the provider's subject)."""
    return f"oidc-{secrets.token_hex(5)}@example.com"


def provider_config(issuer: str, client_id: str = "calapp") -> dict:
    return {
        "name": "local",
        "display_name": "Local IdP",
        "issuer": issuer,
        "client_id": client_id,
        "client_secret": CLIENTS[client_id],
        "scopes": ["openid", "email", "profile"],
    }


@pytest.fixture
def oidc(app, oidc_issuer, monkeypatch):
    """The app with the loopback provider configured as ``local``."""
    from calapp.oidc import providers

    monkeypatch.setitem(
        app.config, "OIDC_PROVIDERS", {"local": provider_config(oidc_issuer)}
    )
    monkeypatch.setitem(app.config, "OIDC_REDIRECT_ALLOWLIST", [ALLOWED])
    monkeypatch.setitem(app.config, "OIDC_CALLBACK_BASE_URL", None)
    providers.forget()
    yield oidc_issuer
    providers.forget()


def _form(page: str) -> tuple[str, str]:
    action = re.search(r'<form[^>]*action="([^"]+)"', page).group(1)
    prompt = re.search(r'name="prompt" value="(\w+)"', page).group(1)
    return action, prompt


def browser(
    authorize_location: str,
    login: str,
    *,
    cancel: bool = False,
    session: requests.Session | None = None,
) -> str:
    """Sign in as ``login`` at the provider, starting from calapp's redirect;
    return where the provider sends the browser back (calapp's callback URL).
    ``cancel``: the person aborts at the provider's sign-in page instead.
    ``session``: the browser's cookies (its session at the provider) to keep."""
    if session is not None:
        return _follow(session, authorize_location, login, cancel)
    with requests.Session() as own:
        return _follow(own, authorize_location, login, cancel)


def provider_sign_out(session: requests.Session, end_session_url: str) -> str:
    """Answer yes on the provider's sign-out page; return where it sends the
    browser."""
    r = session.get(end_session_url, allow_redirects=False, timeout=10)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    action = re.search(r'id="op.logoutForm"[^>]*action="([^"]+)"', r.text).group(1)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', r.text).group(1)
    r = session.post(
        urljoin(end_session_url, action),
        data={"xsrf": xsrf, "logout": "yes"},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code in (302, 303), (r.status_code, r.text[:300])
    return urljoin(end_session_url, r.headers["Location"])


def provider_prompt(session: requests.Session, authorize_location: str) -> str:
    """What the provider asks first for a new sign-in in this browser: ``login``,
    ``consent``, or ``none`` when it sends the browser straight back."""
    location = authorize_location
    for _ in range(10):
        r = session.get(location, allow_redirects=False, timeout=10)
        if r.status_code == 200:
            return _form(r.text)[1]
        location = urljoin(location, r.headers["Location"])
        if location.startswith("http://localhost/"):
            return "none"
    raise AssertionError("the provider never answered")


def _follow(session: requests.Session, location: str, login: str, cancel: bool):
    for _ in range(10):
        r = session.get(location, allow_redirects=False, timeout=10)
        if r.status_code == 200 and cancel:
            abort = urljoin(location, _form(r.text)[0]) + "/abort"
            r = session.get(abort, allow_redirects=False, timeout=10)
        elif r.status_code == 200:
            action, prompt = _form(r.text)
            data = {"prompt": prompt}
            if prompt == "login":
                data.update(login=login, password="any")
            r = session.post(
                urljoin(location, action), data=data, allow_redirects=False, timeout=10
            )
        assert r.status_code in (302, 303), (r.status_code, r.text[:300])
        location = urljoin(location, r.headers["Location"])
        if location.startswith("http://localhost/"):
            return location
    raise AssertionError("the provider never sent the browser back")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def authorize(client, **query) -> str:
    r = client.get("/auth/oidc/local/authorize", query_string=query)
    assert r.status_code == 302, r.get_json()
    return r.headers["Location"]


def sign_in(client, login: str, **query):
    """The whole flow; returns calapp's answer to the callback."""
    callback = browser(authorize(client, **query), login)
    return client.get(path_of(callback))


def provider_id_token(issuer: str, login: str, client_id: str, nonce: str) -> str:
    """An ID token straight from the provider, as the client ``client_id``."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    start = requests.Request(
        "GET",
        f"{issuer}/auth",
        params={
            "client_id": client_id,
            "response_type": "code",
            "scope": "openid email",
            "redirect_uri": CALLBACK,
            "state": "s",
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    ).prepare()
    code = query_of(browser(start.url, login))["code"]
    r = requests.post(
        f"{issuer}/token",
        auth=(client_id, CLIENTS[client_id]),
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.json()["id_token"]
