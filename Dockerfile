# ConflictWatch production image: one image for web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# GeoDjango needs GDAL, GEOS and PROJ; Node builds the front-end assets.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gdal-bin libgdal32 libgeos-c1v5 libproj25 \
      nodejs npm gettext curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 conflictwatch
WORKDIR /app

# Dependencies from the hash-checked lock (scripts/lock), in their own layer;
# then the project itself, resolving nothing.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY conflictwatch ./conflictwatch
COPY incidents ./incidents
COPY partners ./partners
RUN pip install --no-deps .

COPY . .
RUN if [ -f package-lock.json ]; then npm ci --omit=dev && npm run build --if-present; fi \
 && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=node_modules \
 && DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput

USER conflictwatch
EXPOSE 8000
# Workers, threads and timeouts come from gunicorn.conf.py.
CMD ["gunicorn", "conflictwatch.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
