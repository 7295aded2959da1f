# The web application under gunicorn. Static files are collected at build time and served by
# WhiteNoise; media go to MEDIA_ROOT (a volume here, S3-compatible storage in production).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STATIC_MANIFEST=1 \
    MEDIA_ROOT=/data/media

WORKDIR /app
# pg_dump and pg_restore for `manage.py backup` / `restore` (Debian 12's client: PostgreSQL 15,
# the version docker-compose.yml runs; a dump needs a client of the server's version or newer).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 newsroom && mkdir -p /data/media && chown newsroom /data/media

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN DEBUG=1 python manage.py collectstatic --noinput

USER newsroom
EXPOSE 8000
CMD ["gunicorn", "newsroom.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
