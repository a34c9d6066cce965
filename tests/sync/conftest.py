"""Sync fixtures: the event helpers, and a client that lists and syncs."""

from __future__ import annotations

import pytest

from tests.events.conftest import Api


class Sync:
    """``full(path)`` walks a full listing; ``since(path, token)`` walks a sync.

    Both return ``(items, next_sync_token)`` and check that only the last page
    carries the token.
    """

    def __init__(self, client):
        self.client = client

    def get(self, path, headers, **params):
        return self.client.get(path, query_string=params, headers=headers)

    def _walk(self, path, headers, limit, **params):
        items, cursor = [], None
        while True:
            query = {"limit": limit, **params} if cursor is None else {"cursor": cursor}
            if cursor is not None:
                query["limit"] = limit
            r = self.get(path, headers, **query)
            assert r.status_code == 200, r.get_json()
            page = r.get_json()
            items += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                assert page["next_sync_token"]
                return items, page["next_sync_token"]
            assert page["next_sync_token"] is None

    def full(self, path, headers, limit=200, **params):
        return self._walk(path, headers, limit, **params)

    def since(self, path, headers, token, limit=200, **params):
        return self._walk(path, headers, limit, sync_token=token, **params)


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def sync(client):
    return Sync(client)


def by_id(items) -> dict:
    return {item["id"]: item for item in items}
