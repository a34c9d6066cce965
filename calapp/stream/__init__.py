"""Live push: ``GET /stream`` (Server-Sent Events) and ``GET /ws`` (WebSocket).

Served by the stream process (``gunicorn -c gunicorn.stream.conf.py
wsgi_stream:app``, a gevent worker made for many idle connections); the API's
sync workers only issue tickets (``POST /stream/tickets``). Changes come from the
change log (``calapp.changes``): one ``LISTEN`` connection per process wakes the
hub, which reads the log once for every subscriber and dispatches in memory.
"""
