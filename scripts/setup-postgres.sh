#!/usr/bin/env bash
# Ensure a PostgreSQL 15 server with pgvector answers on 127.0.0.1:5432 (trust
# auth) on a Debian 12 machine, then create a fresh test database in it.
#
# Usage (as root):
#   TEST_DATABASE_URL=$(bash scripts/setup-postgres.sh [db_name])
#
# The database name comes from $1, else $TEST_DB_NAME, else "deflect_test".
# All log output goes to stderr; the last line of stdout is the database URL.
# Idempotent and non-interactive: safe to run again on the same machine.
#
# Debian 12 ships postgresql-15 but not pgvector, so pgvector is built from
# Debian 13 (trixie)'s *source* package (deb-src only: no trixie binary ever
# becomes an install candidate).
set -euo pipefail

PG_MAJOR=15
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
PG_CONFIG="${PG_BIN}/pg_config"
PG_ETC="/etc/postgresql/${PG_MAJOR}/main"
VECTOR_CONTROL="/usr/share/postgresql/${PG_MAJOR}/extension/vector.control"
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/trixie-src.list

DB_NAME="${1:-${TEST_DB_NAME:-deflect_test}}"

export DEBIAN_FRONTEND=noninteractive

log() { printf '[setup-postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "must run as root"
[[ "$DB_NAME" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] \
  || die "invalid database name '$DB_NAME' (letters, digits, underscore; must not start with a digit)"

# --- apt helpers ------------------------------------------------------------
APT_UPDATED=0
apt_update() {
  log "apt-get update"
  apt-get update -qq >&2
  APT_UPDATED=1
}
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' \
      || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  ((APT_UPDATED)) || apt_update
  log "apt-get install ${missing[*]}"
  apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" >&2
}

# The Debian mirror this machine already uses (only that one is reachable).
debian_mirror() {
  local f uri
  # deb822 format (*.sources)
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' "$f")
    [[ -n "$uri" ]] && { echo "${uri%/}"; return; }
  done
  # one-line format
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\/.*\/debian\/?$/) { print $i; exit } }' "$f")
    [[ -n "$uri" ]] && { echo "${uri%/}"; return; }
  done
  echo "http://deb.debian.org/debian"
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
psql_pg() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }

# --- 1. a PostgreSQL server on 127.0.0.1:5432 -------------------------------
configure_cluster() {
  # Listen on 127.0.0.1:5432 (Debian's postgresql.conf includes conf.d/).
  mkdir -p "$PG_ETC/conf.d"
  if ! grep -qsE "^\s*listen_addresses\s*=\s*'([^']*,)?\s*(127\.0\.0\.1|localhost|\*)" "$PG_ETC"/conf.d/*.conf; then
    log "writing $PG_ETC/conf.d/50-deflect-test.conf"
    cat >"$PG_ETC/conf.d/50-deflect-test.conf" <<EOF
# Written by scripts/setup-postgres.sh (Deflect local test database)
listen_addresses = '${PG_HOST}'
port = ${PG_PORT}
EOF
  fi
  # Trust for TCP from 127.0.0.1 (first matching line wins, so prepend).
  local hba="$PG_ETC/pg_hba.conf"
  if ! grep -qE '^\s*host\s+all\s+all\s+127\.0\.0\.1/32\s+trust\b' "$hba"; then
    log "allowing trust auth for 127.0.0.1 in $hba"
    local tmp
    tmp=$(mktemp)
    { echo "host all all 127.0.0.1/32 trust  # setup-postgres.sh"; cat "$hba"; } >"$tmp"
    cat "$tmp" >"$hba" # keep owner/mode of the original file
    rm -f "$tmp"
  fi
}

# Client tools first, so that an already running server is detected properly.
command -v pg_isready >/dev/null && command -v psql >/dev/null \
  || apt_install "postgresql-client-${PG_MAJOR}"

if pg_ready; then
  log "a PostgreSQL server already answers on ${PG_HOST}:${PG_PORT}"
else
  log "no PostgreSQL server on ${PG_HOST}:${PG_PORT}: installing/starting postgresql-${PG_MAJOR}"
  apt_install "postgresql-${PG_MAJOR}"
  if [[ ! -f "$PG_ETC/postgresql.conf" ]]; then
    log "creating cluster ${PG_MAJOR}/main"
    pg_createcluster --port "$PG_PORT" "$PG_MAJOR" main >&2
  fi
  configure_cluster
  if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main" && $4 == "online" { f = 1 } END { exit !f }'; then
    # Running but not answering on 127.0.0.1:5432 (e.g. other address/port).
    log "restarting cluster ${PG_MAJOR}/main"
    pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart >&2
  else
    log "starting cluster ${PG_MAJOR}/main"
    pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start >&2
  fi
  for _ in $(seq 1 60); do pg_ready && break; sleep 0.5; done
  pg_ready || die "PostgreSQL did not come up on ${PG_HOST}:${PG_PORT} (see /var/log/postgresql/)"
fi

server_ver=$(psql_pg -d postgres -tAc 'SHOW server_version_num') \
  || die "cannot connect as ${PG_USER} to ${PG_HOST}:${PG_PORT} without a password (trust auth expected)"
if [[ "${server_ver:0:2}" != "$PG_MAJOR" ]]; then
  log "WARNING: server on ${PG_HOST}:${PG_PORT} is version ${server_ver}, not ${PG_MAJOR}; pgvector is installed for ${PG_MAJOR} only"
fi

# --- 2. pgvector, built from trixie's source package ------------------------
if [[ -f "$VECTOR_CONTROL" ]]; then
  log "pgvector already installed ($VECTOR_CONTROL)"
else
  log "pgvector not installed: building it from Debian trixie's source package"
  apt_install build-essential dpkg-dev "postgresql-server-dev-${PG_MAJOR}"

  # deb-src ONLY: source indexes never provide binary install candidates, so
  # no trixie binary package can be pulled in by this line.
  mirror=$(debian_mirror)
  src_line="deb-src ${mirror} trixie main"
  if [[ "$(cat "$TRIXIE_SRC_LIST" 2>/dev/null)" != "$src_line" ]]; then
    log "adding '$src_line' to $TRIXIE_SRC_LIST"
    echo "$src_line" >"$TRIXIE_SRC_LIST"
  fi
  apt_update # needed anyway for the new trixie source index

  build_dir=$(mktemp -d /tmp/pgvector-build.XXXXXX)
  trap 'rm -rf "$build_dir"' EXIT
  (
    cd "$build_dir"
    # _apt cannot write to a root-only mktemp dir; download unsandboxed.
    apt-get source -qq -o APT::Sandbox::User=root pgvector >&2
  )
  src_dir=$(find "$build_dir" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  [[ -n "$src_dir" ]] || die "apt-get source pgvector produced no source tree"
  log "building $(basename "$src_dir") against $("$PG_CONFIG" --version)"
  # OPTFLAGS="" drops pgvector's default -march=native so the build does not
  # depend on this exact CPU (pgvector dispatches SIMD at run time).
  make_args=(USE_PGXS=1 "PG_CONFIG=$PG_CONFIG" OPTFLAGS=)
  start=$SECONDS
  make -s -C "$src_dir" -j"$(nproc)" "${make_args[@]}" >&2
  make -s -C "$src_dir" "${make_args[@]}" install >&2
  log "pgvector built and installed in $((SECONDS - start))s"
  [[ -f "$VECTOR_CONTROL" ]] || die "pgvector install did not produce $VECTOR_CONTROL"
fi

# --- 3. fresh test database with the extensions -----------------------------
log "recreating database ${DB_NAME}"
psql_pg -d postgres -c "DROP DATABASE IF EXISTS \"${DB_NAME}\" WITH (FORCE)" >&2
psql_pg -d postgres -c "CREATE DATABASE \"${DB_NAME}\"" >&2
psql_pg -d "$DB_NAME" >&2 <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
SQL
log "extensions: $(psql_pg -d "$DB_NAME" -tAc "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension")"

echo "postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${DB_NAME}"
