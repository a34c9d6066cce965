"""WSGI entry of the stream process: ``gunicorn -c gunicorn.stream.conf.py
wsgi_stream:app``.

The same Flask app as ``wsgi``, run by a gevent worker (gunicorn has patched the
standard library before this module is imported), so that thousands of idle
``/stream`` and ``/ws`` connections cost a greenlet each, never an API worker.
"""

import gc

from calapp import create_app
from calapp.stream.green import make_psycopg_green

make_psycopg_green()
app = create_app({"STREAM_PROCESS": True})
gc.freeze()  # as in wsgi.py: start-up's objects stay out of full collections
