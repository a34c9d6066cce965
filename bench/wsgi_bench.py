"""Bench only: the real app (``create_app()``, every route as shipped) plus the
ceiling route of ``bench/ceiling.py``, so that one gunicorn serves both in the
same run, under the same settings and worker count.

    gunicorn -c gunicorn.conf.py bench.wsgi_bench:app
"""

from bench.ceiling import register
from calapp import create_app

app = register(create_app())
