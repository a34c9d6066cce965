import base64

import pytest

from tests.conftest import PASSWORD


def basic(email: str, secret: str) -> dict:
    token = base64.b64encode(f"{email}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


class Dav:
    """DAV requests through the test client, signed in with Basic."""

    def __init__(self, client, headers):
        self.client, self.headers = client, headers

    def __call__(self, method, path, body=None, **headers):
        data = body.encode() if isinstance(body, str) else body
        return self.client.open(
            path,
            method=method,
            data=data,
            headers={
                **self.headers,
                **{k.replace("_", "-"): v for k, v in headers.items()},
            },
        )


@pytest.fixture
def dav(client, user):
    return Dav(client, basic(user.email, PASSWORD))


@pytest.fixture
def dav_as(client, auth):
    def make(user, scopes=None):
        if scopes is None:
            return Dav(client, basic(user.email, PASSWORD))
        key = auth.key(user, scopes)["X-API-Key"]
        return Dav(client, basic(user.email, key))

    return make
