"""Print every item of a ``GET /events`` window as JSON, following next_cursor.

python bench/recurrence/walk.py http://127.0.0.1:3131 TOKEN "start=..&end=.."
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request


def walk(base: str, token: str, query: str) -> list[dict]:
    items, cursor = [], None
    while True:
        url = f"{base}/events?{query}"
        if cursor:
            url += "&cursor=" + urllib.parse.quote(cursor)
        request = urllib.request.Request(  # noqa: S310 - loopback http only
            url, headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback
            page = json.load(response)
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


if __name__ == "__main__":
    json.dump(walk(*sys.argv[1:4]), sys.stdout)
