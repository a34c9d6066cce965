"""Bench-only experiment: what would a compiled dumper save over marshmallow?

NOT used by the app, and not a proposal to ship as is. ``compile_dumper(Schema)``
reads the schema's declared fields once and returns a function producing the same
dict as ``Schema().dump(obj)`` for the field types the event schemas use (UUID,
String, Integer, Boolean, Date, Instant, List, Nested); any other field falls back
to that field's own ``serialize``. The OpenAPI document is untouched since the
schema classes stay the source of truth.

    python -m bench.fastdump     # checks equality on seeded pages, then times both
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow.utils import missing

from calapp.fields import Instant, format_instant


def _value_fn(field: ma.fields.Field):
    """``value -> serialized`` for one field, or None when it needs the slow path."""
    kind = type(field)
    if isinstance(field, Instant):
        return lambda v: None if v is None else format_instant(v)
    if kind is ma.fields.UUID or kind is ma.fields.String:
        return lambda v: None if v is None else str(v)
    if kind is ma.fields.Integer and not field.as_string:
        return lambda v: None if v is None else int(v)
    if kind is ma.fields.Boolean:
        return lambda v: v
    if kind is ma.fields.Date and field.format in (None, "iso"):
        return lambda v: None if v is None else v.isoformat()
    if kind is ma.fields.Nested and not field.many:
        inner = compile_dumper(type(field.schema))
        return lambda v: None if v is None else inner(v)
    if kind is ma.fields.List:
        inner = _value_fn(field.inner)
        if inner is None:
            return None
        return lambda v: None if v is None else [inner(x) for x in v]
    return None


def compile_dumper(schema_cls: type[ma.Schema]):
    schema = schema_cls()
    if schema._hooks[("post_dump", False)] or schema._hooks[("pre_dump", False)]:
        raise TypeError(f"{schema_cls.__name__} has dump hooks: not supported")
    plan = []
    for name, field in schema.dump_fields.items():
        attr = field.attribute or name
        key = field.data_key or name
        plan.append((key, attr, field, _value_fn(field)))

    def dump(obj) -> dict:
        out = {}
        for key, attr, field, fn in plan:
            if fn is None:  # slow path: marshmallow's own, hooks and all
                value = field.serialize(attr, obj, accessor=schema.get_attribute)
                if value is not missing:
                    out[key] = value
                continue
            value = getattr(obj, attr, missing)
            if value is missing:
                default = field.dump_default
                value = default() if callable(default) else default
                if value is missing:
                    continue
            out[key] = fn(value)
        return out

    return dump


def main() -> None:
    import json
    import os
    import sys
    import time
    import uuid
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    seed = json.loads((root / "bench" / "out" / "seed.json").read_text())
    os.environ.setdefault("DATABASE_URL", seed["database_url"])
    os.environ.setdefault("CALAPP_ENV", "production")
    os.environ.setdefault(
        "JWT_SECRET_KEY", "bench-jwt-secret-" + "0123456789abcdef" * 3
    )

    from calapp import create_app
    from calapp.api import page_of
    from calapp.events import service
    from calapp.events.schemas import EventSchema
    from calapp.security import Principal

    app = create_app()
    principal = Principal(user_id=uuid.UUID(seed["bench_user_id"]))
    page_schema = page_of(EventSchema)()
    fast = compile_dumper(EventSchema)
    with app.test_request_context():
        start = datetime(2026, 1, 5, tzinfo=UTC)
        checked = 0
        for week in range(100):  # ~5,000 events: all-day, tags, children...
            s = start + timedelta(weeks=week)
            items, cursor = service.list_page(
                principal, limit=50, cursor=None, start=s, end=s + timedelta(days=7)
            )
            slow = page_schema.dump({"items": items, "next_cursor": cursor})
            quick = {"items": [fast(e) for e in items], "next_cursor": cursor}
            if json.dumps(slow, sort_keys=True) != json.dumps(quick, sort_keys=True):
                sys.exit(f"different output in week {week}")
            checked += len(items)
        print(f"same output for {checked} events")
        items, cursor = service.list_page(
            principal, limit=50, cursor=None, start=start, end=start + timedelta(7)
        )
        page = {"items": items, "next_cursor": cursor}
        for label, fn in (
            ("marshmallow page_of(EventSchema).dump", lambda: page_schema.dump(page)),
            ("compiled dumper", lambda: [fast(e) for e in items]),
        ):
            for _ in range(50):
                fn()
            t = time.process_time()
            for _ in range(500):
                fn()
            ms = (time.process_time() - t) / 500 * 1000
            print(f"{label:40} {ms:6.2f} ms CPU per 50-event page")


if __name__ == "__main__":
    main()
