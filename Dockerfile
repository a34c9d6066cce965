# calapp image: gunicorn on :3019 (the default command) and, from the same image,
# the job consumer: `docker run ... calapp huey_consumer calapp.worker.huey -w 2
# -k thread -f` (reminders, email, webhooks). Both need JWT_SECRET_KEY,
# DATABASE_URL and REDIS_URL at run time (see docs/deploy.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt requirements-runtime-nodeps.txt ./
RUN pip install -r requirements.txt \
    && pip install --no-deps -r requirements-runtime-nodeps.txt

COPY . .
# instance/ holds runtime files (gunicorn's control socket; the embedded
# PostgreSQL when DATABASE_URL is unset): the only directory the app writes.
RUN useradd --system --no-create-home --home-dir /app --shell /usr/sbin/nologin calapp \
    && mkdir -p instance \
    && chown calapp:calapp instance

USER calapp
EXPOSE 3019

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('PORT', '3019'), timeout=4)"]

# The API. The worker container overrides this command (see the top).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
