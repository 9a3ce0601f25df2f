# Shared set-up for scripts/demo and scripts/test: installs what is missing on a
# Debian machine and starts the services ConflictWatch needs. Safe to run again.
# Sourced, not executed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

: "${DATABASE_URL:=postgis://postgres@127.0.0.1:5432/conflictwatch}"
: "${REDIS_URL:=redis://127.0.0.1:6379/0}"
export DATABASE_URL REDIS_URL

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  # Install the given Debian packages that are not installed yet.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_system_packages() {
  command -v pg_lsclusters >/dev/null 2>&1 || apt_install postgresql
  local pg_version
  pg_version="$(pg_lsclusters -h | awk 'NR==1 {print $1}')"
  [ -n "$pg_version" ] || pg_version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  apt_install "postgresql-${pg_version}-postgis-3" gdal-bin redis-server gettext
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
}

ensure_services() {
  local cluster
  cluster="$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')"
  if [ -z "$cluster" ]; then
    say "Creating a PostgreSQL cluster"
    as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main --start
  elif ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
    say "Starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect $cluster start
  fi
  if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
    say "Starting Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/conflictwatch.log
    for _ in $(seq 1 50); do redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

ensure_python() {
  if [ ! -x .venv/bin/python ]; then
    say "Creating the virtualenv"
    python3 -m venv .venv
  fi
  # Every dependency, transitive ones included, comes from the hash-checked
  # lock (scripts/lock writes it from pyproject.toml); then the project itself
  # without resolving anything. Works with the pip that python3 -m venv brings.
  local stamp=.venv/.installed-lock
  if ! cat requirements-dev.lock pyproject.toml | cmp -s - "$stamp"; then
    say "Installing Python dependencies (requirements-dev.lock, hash-checked)"
    .venv/bin/pip install -q --require-hashes -r requirements-dev.lock
    .venv/bin/pip install -q --no-deps -e .
    cat requirements-dev.lock pyproject.toml > "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

ensure_database() {
  # Create the database named in DATABASE_URL with the PostGIS extension.
  .venv/bin/python - <<'PY'
import os
import environ
import psycopg

cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
params = dict(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432,
              user=cfg["USER"] or "postgres", password=cfg["PASSWORD"] or None)
with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
        print(f"Created database {cfg['NAME']}")
with psycopg.connect(dbname=cfg["NAME"], autocommit=True, **params) as conn:
    conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
PY
}

ensure_frontend() {
  # Front-end libraries come from npm (package-lock.json) and are copied into
  # static/vendor by `npm run build`; nothing is loaded from a CDN.
  [ -f package.json ] || return 0
  local stamp=node_modules/.installed-lock
  if [ ! -d node_modules ] || ! cmp -s package-lock.json "$stamp"; then
    say "Installing front-end packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
  npm run --silent build
}

ensure_translations() {
  # Compile the .po catalogues in locale/ (the .mo files are build output).
  if compgen -G "locale/*/LC_MESSAGES/*.po" >/dev/null; then
    python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
  fi
}

setup_common() {
  ensure_system_packages
  ensure_services
  ensure_python
  ensure_database
  ensure_frontend
  ensure_translations
}
