"""``Idempotency-Key`` on every write: a retried request never acts twice.

``guard`` is the request side (the view wrapper, the after-request hook, the
OpenAPI plugin), ``service`` the claims in PostgreSQL, ``tasks`` the hourly prune.
"""
