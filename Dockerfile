# Image for web (gunicorn), worker and beat (celery); see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV DEBUG=0 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango and a font for WeasyPrint (PDF response letters).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes don't invalidate this layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# With DEBUG=0 (the manifest storage production uses) settings need SECRET_KEY and
# ALLOWED_HOSTS to load; these exist only during the build.
RUN SECRET_KEY=collectstatic-only-build-time-key-never-used-at-run-time ALLOWED_HOSTS=build SITE_URL=https://build.invalid DEBUG=0 \
    python manage.py collectstatic --noinput

# Run as an unprivileged user. media/ is owned by it so that the named volume
# docker-compose mounts there (initialised from the image) is writable.
RUN useradd --create-home --uid 1000 foi \
    && mkdir -p /app/media \
    && chown foi:foi /app/media
USER foi

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
