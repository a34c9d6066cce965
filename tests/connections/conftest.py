import pytest

from tests.booking.helpers import MONDAY, Clock
from tests.connections.peers import Radicale, vevent

PASSWORD = "app-pass-1234"


@pytest.fixture
def radicale(tmp_path):
    server = Radicale(tmp_path, {"ada": PASSWORD}).start()
    yield server
    server.stop()


@pytest.fixture
def lan(app, monkeypatch):
    """Loopback peers are allowed, as a LAN server would be by the setting."""
    monkeypatch.setitem(app.config, "CONNECTIONS_ALLOW_PRIVATE_TARGETS", True)


@pytest.fixture
def clock(monkeypatch):
    """The API's time (the connection routes' too): Monday 2027-03-01 00:00."""
    from calapp.connections import routes
    from calapp.users import service

    value = Clock(MONDAY)
    monkeypatch.setattr(service, "now", value)
    monkeypatch.setattr(routes, "now", value)
    return value


@pytest.fixture
def work(radicale):
    """Ada's "Work" calendar on Radicale, with one event on the Monday 10:00-11:00."""
    calendar = radicale.calendar("ada", "Work")
    calendar.save_event(vevent("standup", "20270301T100000Z", "20270301T110000Z"))
    return calendar


@pytest.fixture
def connect(client, headers, radicale, lan):
    def make(status=201, **fields):
        body = {
            "kind": "caldav",
            "url": radicale.url,
            "username": "ada",
            "password": PASSWORD,
            **fields,
        }
        r = client.post("/connections", json=body, headers=headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    return make


@pytest.fixture
def sync(client, headers):
    def run(connection, status=200):
        r = client.post(f"/connections/{connection['id']}/sync", headers=headers)
        assert r.status_code == status, r.get_json()
        return r.get_json()

    return run


@pytest.fixture
def titles(client, headers):
    def listed(calendar_id) -> dict[str, str]:
        r = client.get(
            "/events",
            query_string={
                "calendar_id": calendar_id,
                "start": "2027-02-01T00:00:00Z",
                "end": "2027-04-01T00:00:00Z",
            },
            headers=headers,
        )
        assert r.status_code == 200, r.get_json()
        items = r.get_json()["items"]
        assert all(e["source"] in ("caldav", "ics") for e in items)
        return {e["ical_uid"]: e["title"] for e in items}

    return listed


# The real OpenID provider of tests/oidc, for the end-to-end sign-in; the job
# queue on the test Redis, for syncs in the background.
from tests.oidc.conftest import oidc, oidc_issuer  # noqa: E402, F401
from tests.reminders.harness import bound_queue  # noqa: E402, F401
