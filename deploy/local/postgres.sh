#!/usr/bin/env bash
# Local PostgreSQL for Cartera.
#
#   deploy/local/postgres.sh start|stop|status
#
# With DATABASE_URL set: only checks that it answers (nothing is installed,
# created or started). Otherwise: a dedicated Debian cluster "cartera"
# (pg_createcluster) on 127.0.0.1:${POSTGRES_PORT:-55432}, installed from
# Debian packages when missing, with roles cartera_owner / cartera_app and
# databases cartera / cartera_test. `stop` only stops a cluster that this
# script started (pid recorded in .local/state/postgres.started).
set -euo pipefail

LOG_TAG=postgres
# shellcheck source=deploy/local/_lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_lib.sh"

PG_CLUSTER="${POSTGRES_CLUSTER:-cartera}"
PG_PORT="${POSTGRES_PORT:-55432}"
PG_START_TIMEOUT="${POSTGRES_START_TIMEOUT:-30}"
PG_SOCKET_DIR=/var/run/postgresql
MARKER="$STATE_DIR/postgres.started"

# Roles: the owner runs migrations and owns every schema; each service serves requests as a role
# of its own, which can use its own schema's tables and nothing else (granted by the service's
# migrations); cartera_lab is the library tests' non-owner role. Their passwords are random, made
# for this checkout by local_secrets.py and set on the roles at every start.
OWNER_ROLE=cartera_owner
SERVICE_ROLES=(cartera_clients cartera_invoicing cartera_collections cartera_crm cartera_analytics cartera_gateway cartera_lab)
# cartera_bench: the benchmark's own database, so `make bench` never touches the tests' one.
DATABASES=(cartera cartera_test cartera_bench)

# Settings of the dedicated cluster (conf.d drop-in, rewritten on every start).
PG_SETTINGS="# Managed by deploy/local/postgres.sh - edits are overwritten.
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
work_mem = 4MB
maintenance_work_mem = 64MB
effective_cache_size = 1GB
max_wal_size = 1GB
password_encryption = 'scram-sha-256'
timezone = 'UTC'
log_timezone = 'UTC'
# Loopback only: TLS would cost every query a round of encryption and protect nothing.
ssl = off
"

# Keep caller's libpq env from redirecting our own admin connections.
unset PGSERVICE PGSERVICEFILE PGOPTIONS PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE

usage() {
  cat >&2 <<'EOF'
usage: deploy/local/postgres.sh start|stop|status

env: DATABASE_URL            if set, only check that it answers (external DB)
     POSTGRES_PORT           port of the local cluster (default 55432)
     POSTGRES_CLUSTER        Debian cluster name (default cartera)
     POSTGRES_VERSION        major version for a NEW cluster (default: newest installed)
     POSTGRES_START_TIMEOUT  seconds to wait for readiness (default 30)
EOF
  exit 2
}

# ---------------------------------------------------------------- external DB

# SQLAlchemy-style URL (postgresql+asyncpg://) -> libpq URL (postgresql://).
libpq_url() {
  sed -E 's#^postgres(ql)?\+[A-Za-z0-9_]+://#postgresql://#' <<<"$1"
}

check_external() {
  local url shown hostport host port
  url="$(libpq_url "$DATABASE_URL")"
  shown="$(mask_url "$DATABASE_URL")"
  if have pg_isready; then
    if pg_isready -q -t 5 -d "$url"; then
      info "DATABASE_URL is set ($shown): answers; nothing started or stopped here."
      return 0
    fi
    printf '[%s] ERROR: DATABASE_URL is set (%s) but pg_isready says it does not answer:\n' \
      "$LOG_TAG" "$shown" >&2
    pg_isready -t 5 -d "$url" >&2 || true
    printf '[%s] (this script does not start anything while DATABASE_URL is set; unset it to use the local cluster)\n' \
      "$LOG_TAG" >&2
    return 1
  fi
  # No client tools installed: fall back to a TCP connect to host:port.
  hostport="${url#*://}"
  hostport="${hostport#*@}"
  hostport="${hostport%%/*}"
  hostport="${hostport%%\?*}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  [[ "$hostport" == *:* ]] || port=5432
  [[ -n "$host" ]] || host=127.0.0.1
  if tcp_open "$host" "$port" 5; then
    info "DATABASE_URL is set ($shown): TCP $host:$port answers (pg_isready not installed); nothing started or stopped here."
    return 0
  fi
  die "DATABASE_URL is set ($shown) but TCP $host:$port does not answer (this script does not start anything while DATABASE_URL is set)"
}

# ---------------------------------------------------------------- cluster info

pg_installed() {
  have pg_ctlcluster && have pg_lsclusters && have psql && have pg_isready &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

ensure_installed() {
  if pg_installed; then return 0; fi
  apt_install postgresql postgresql-contrib
  pg_installed || die "PostgreSQL still missing after apt-get install (no /usr/lib/postgresql/*/bin/postgres?)"
}

# Newest installed major version (or POSTGRES_VERSION).
newest_version() {
  if [[ -n "${POSTGRES_VERSION:-}" ]]; then
    [[ -x "/usr/lib/postgresql/$POSTGRES_VERSION/bin/postgres" ]] ||
      die "POSTGRES_VERSION=$POSTGRES_VERSION but /usr/lib/postgresql/$POSTGRES_VERSION/bin/postgres is missing"
    printf '%s' "$POSTGRES_VERSION"
    return 0
  fi
  local bin ver="" v
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$bin" ]] || continue
    v="${bin#/usr/lib/postgresql/}"
    v="${v%%/*}"
    if [[ -z "$ver" ]] || [[ "$(printf '%s\n%s\n' "$ver" "$v" | sort -V | tail -n1)" == "$v" ]]; then
      ver="$v"
    fi
  done
  [[ -n "$ver" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
  printf '%s' "$ver"
}

# Sets CL_VER CL_PORT CL_DATADIR CL_LOG for our cluster; fails if it does not exist.
CL_VER="" CL_PORT="" CL_DATADIR="" CL_LOG=""
find_cluster() {
  local ver name port _status _owner datadir logfile
  CL_VER="" CL_PORT="" CL_DATADIR="" CL_LOG=""
  have pg_lsclusters || return 1
  while read -r ver name port _status _owner datadir logfile; do
    if [[ "$name" == "$PG_CLUSTER" ]]; then
      if [[ -n "$CL_VER" ]]; then
        warn "several clusters named '$PG_CLUSTER' exist; using $CL_VER/$PG_CLUSTER"
        break
      fi
      CL_VER="$ver" CL_PORT="$port" CL_DATADIR="$datadir" CL_LOG="$logfile"
    fi
  done < <(pg_lsclusters -h 2>/dev/null)
  [[ -n "$CL_VER" ]]
}

# Postmaster pid of our cluster if it is running, else empty.
# (pg_ctl counts a not-yet-reaped zombie as running; we do not.)
running_pid() {
  local out pid
  out="$(as_root pg_ctlcluster "$CL_VER" "$PG_CLUSTER" status 2>/dev/null)" || return 0
  [[ "$out" =~ PID:\ ([0-9]+) ]] || return 0
  pid="${BASH_REMATCH[1]}"
  if pid_alive "$pid"; then printf '%s' "$pid"; fi
}

# After a crash (kill -9) the dead postmaster may linger as a zombie and its
# children need a moment to exit; postgres refuses to start until then
# ("lock file postmaster.pid already exists" / "shared memory block is still in use").
wait_old_instance_gone() {
  local deadline=$((SECONDS + 15)) pmpid busy
  pmpid="$(as_root head -n1 "$CL_DATADIR/postmaster.pid" 2>/dev/null || true)"
  while :; do
    busy=""
    if [[ "$pmpid" =~ ^[0-9]+$ ]] && [[ -e "/proc/$pmpid" ]]; then
      busy="old postmaster $pmpid"
    fi
    if have pgrep && pgrep -f "^postgres: $CL_VER/$PG_CLUSTER: " >/dev/null; then
      busy="${busy:+$busy, }leftover backend processes"
    fi
    [[ -n "$busy" ]] || return 0
    if ((SECONDS >= deadline)); then
      warn "still present after 15s: $busy; trying to start anyway"
      return 0
    fi
    sleep 0.2
  done
}

log_hint() {
  printf 'log: %s' "${CL_LOG:-/var/log/postgresql/postgresql-$CL_VER-$PG_CLUSTER.log}"
}

ensure_cluster() {
  if find_cluster; then
    if [[ "$CL_PORT" != "$PG_PORT" ]]; then
      die "cluster $CL_VER/$PG_CLUSTER exists with port $CL_PORT, but POSTGRES_PORT=$PG_PORT; use POSTGRES_PORT=$CL_PORT or drop it (pg_dropcluster --stop $CL_VER $PG_CLUSTER)"
    fi
    return 0
  fi
  local ver
  ver="$(newest_version)"
  info "creating dedicated cluster $ver/$PG_CLUSTER on 127.0.0.1:$PG_PORT (pg_createcluster)"
  as_root pg_createcluster "$ver" "$PG_CLUSTER" --port "$PG_PORT" --start-conf manual \
    --encoding UTF8 --locale C.UTF-8 -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null ||
    die "pg_createcluster $ver $PG_CLUSTER --port $PG_PORT failed"
  find_cluster || die "cluster $ver/$PG_CLUSTER not listed by pg_lsclusters after creation"
}

# Write conf.d/cartera.conf; returns 0 if it changed.
write_settings() {
  local dir="/etc/postgresql/$CL_VER/$PG_CLUSTER/conf.d" file
  file="$dir/cartera.conf"
  if [[ -f "$file" ]] && [[ "$(cat "$file")" == "${PG_SETTINGS%$'\n'}" ]]; then
    return 1
  fi
  as_root mkdir -p "$dir" || die "cannot create $dir"
  printf '%s' "$PG_SETTINGS" | as_root tee "$file" >/dev/null || die "cannot write $file"
  as_root chown postgres:postgres "$file" 2>/dev/null || true
  return 0
}

# psql as the postgres superuser over the Unix socket. Its SQL always comes on standard input and
# it runs from /: `postgres` may not enter the checkout (a clone under /root is mode 0700).
psql_admin() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" "$@")
  else
    (cd / && sudo -u postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" "$@")
  fi
}

wait_ready() {
  local deadline=$((SECONDS + PG_START_TIMEOUT))
  until pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 1; do
    if ((SECONDS >= deadline)); then
      die "cluster $CL_VER/$PG_CLUSTER did not accept connections on 127.0.0.1:$PG_PORT within ${PG_START_TIMEOUT}s (pg_isready); $(log_hint)"
    fi
    sleep 0.2
  done
}

password_of() {
  python3 "$LIB_DIR/local_secrets.py" get "POSTGRES_PASSWORD_${1^^}"
}

# Roles, databases, schema privileges. Creates what is missing, fixes drifted attributes, and sets
# every role's password to this checkout's (so a fresh clone's new secrets take over the cluster).
provision() {
  local db_list role passwords="" roles_sql=""
  db_list="$(printf "'%s'," "${DATABASES[@]}")"
  db_list="${db_list%,}"
  for role in "$OWNER_ROLE" "${SERVICE_ROLES[@]}"; do
    # Hex passwords: nothing in them needs quoting.
    passwords+="\\set pw_$role '$(password_of "$role")'"$'\n'
  done
  for role in "${SERVICE_ROLES[@]}"; do
    roles_sql+="
SELECT 'CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'pw_$role';"
  done
  # The SQL and the passwords go in on standard input: no password is ever on a command line
  # (where any local user could read it) or in a file `postgres` reads.
  psql_admin -d postgres <<SQL || die "provisioning roles/databases failed (psql as postgres on port $PG_PORT); $(log_hint)"
$passwords
SET client_min_messages = warning;
SELECT 'CREATE ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER_ROLE') \gexec
ALTER ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD :'pw_$OWNER_ROLE';
$roles_sql
-- The role every service shared before each had its own: it may log in no more.
SELECT 'ALTER ROLE cartera_app NOLOGIN PASSWORD NULL'
 WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cartera_app') \gexec
SELECT format('CREATE DATABASE %I OWNER $OWNER_ROLE', d)
  FROM unnest(ARRAY[$db_list]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO $OWNER_ROLE', datname)
  FROM pg_database
 WHERE datname IN ($db_list)
   AND datdba <> '$OWNER_ROLE'::regrole \gexec
SQL
  local db
  for db in "${DATABASES[@]}"; do
    psql_admin -d "$db" <<SQL || die "schema setup of database $db failed; $(log_hint)"
SELECT 'ALTER SCHEMA public OWNER TO $OWNER_ROLE'
 WHERE (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public')
       NOT IN ('$OWNER_ROLE', 'pg_database_owner') \gexec
SELECT 'REVOKE CREATE ON SCHEMA public FROM PUBLIC'
 WHERE EXISTS (SELECT 1 FROM pg_namespace n,
                      aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
                WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE') \gexec
SQL
  done
}

# Password login over TCP, exactly as the services do it. The password goes in PGPASSWORD, never
# on the command line.
verify_login() {
  local role
  for role in "$OWNER_ROLE" "${SERVICE_ROLES[@]}"; do
    PGPASSWORD="$(password_of "$role")" psql -X -q -At \
      "postgresql://$role@127.0.0.1:$PG_PORT/${DATABASES[0]}?connect_timeout=5" \
      -c 'select 1' >/dev/null ||
      die "password login as $role to 127.0.0.1:$PG_PORT/${DATABASES[0]} failed (check pg_hba.conf scram rule); $(log_hint)"
  done
}

# ---------------------------------------------------------------- commands

cmd_start() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    check_external
    return
  fi
  ensure_local_dirs
  exec 9>"$STATE_DIR/postgres.lock"
  flock -w 120 9 || die "another postgres.sh is running (lock $STATE_DIR/postgres.lock)"

  ensure_installed
  ensure_cluster
  local changed=0 pid recorded
  if write_settings; then changed=1; fi
  pid="$(running_pid)"
  recorded="$(read_pid "$MARKER")"

  if [[ -n "$pid" ]]; then
    if [[ "$pid" == "$recorded" ]]; then
      info "already running: cluster $CL_VER/$PG_CLUSTER on 127.0.0.1:$PG_PORT (pid $pid, started by this script)"
    else
      info "already running: cluster $CL_VER/$PG_CLUSTER on 127.0.0.1:$PG_PORT (pid $pid, NOT started by this script; stop will leave it alone)"
    fi
    if ((changed)); then
      warn "settings in /etc/postgresql/$CL_VER/$PG_CLUSTER/conf.d/cartera.conf changed; restart the cluster to apply them"
    fi
    wait_ready
  else
    if [[ -n "$recorded" ]]; then
      info "removing stale marker (recorded pid $recorded is not running)"
      rm -f "$MARKER"
    fi
    if tcp_open 127.0.0.1 "$PG_PORT" 1; then
      die "port 127.0.0.1:$PG_PORT is already in use by another process: $(port_owner "$PG_PORT")"
    fi
    wait_old_instance_gone
    info "starting cluster $CL_VER/$PG_CLUSTER on 127.0.0.1:$PG_PORT"
    # 9>&-: the postmaster must not inherit (and hold) our lock fd.
    as_root pg_ctlcluster "$CL_VER" "$PG_CLUSTER" start 9>&- ||
      die "pg_ctlcluster $CL_VER $PG_CLUSTER start failed; $(log_hint)"
    wait_ready
    pid="$(running_pid)"
    [[ -n "$pid" ]] || die "cluster $CL_VER/$PG_CLUSTER answers but pg_ctlcluster reports no postmaster pid; $(log_hint)"
    printf '%s\n' "$pid" >"$MARKER"
    info "started (pid $pid); marker $MARKER"
  fi
  provision
  verify_login
  info "ready: 127.0.0.1:$PG_PORT/{${DATABASES[0]},${DATABASES[1]}}: owner $OWNER_ROLE, one role per service (passwords in $(python3 "$LIB_DIR/local_secrets.py" path))"
}

cmd_stop() {
  local recorded pid
  recorded="$(read_pid "$MARKER")"
  if [[ -z "$recorded" ]]; then
    rm -f "$MARKER"
    if [[ -n "${DATABASE_URL:-}" ]]; then
      info "DATABASE_URL is set (external database) and no local cluster was started by this script; nothing to stop"
    elif pg_installed && find_cluster && [[ -n "$(running_pid)" ]]; then
      info "cluster $CL_VER/$PG_CLUSTER is running but was not started by this script; leaving it alone"
    else
      info "not started by this script; nothing to stop"
    fi
    return 0
  fi
  # A marker exists: stop exactly what our `start` started, even if DATABASE_URL
  # is set now (e.g. after eval "$(infra.sh env)").
  exec 9>"$STATE_DIR/postgres.lock"
  flock -w 120 9 || die "another postgres.sh is running (lock $STATE_DIR/postgres.lock)"
  if ! pg_installed || ! find_cluster; then
    rm -f "$MARKER"
    info "cluster $PG_CLUSTER no longer exists; removed stale marker"
    return 0
  fi
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$MARKER"
    info "not running (recorded pid $recorded is gone); removed stale marker"
  elif [[ "$pid" != "$recorded" ]]; then
    rm -f "$MARKER"
    info "cluster runs as pid $pid, but this script recorded pid $recorded: not ours, leaving it alone; removed stale marker"
  else
    info "stopping cluster $CL_VER/$PG_CLUSTER (pid $pid)"
    as_root pg_ctlcluster "$CL_VER" "$PG_CLUSTER" stop -m fast 9>&- ||
      die "pg_ctlcluster $CL_VER $PG_CLUSTER stop failed; $(log_hint)"
    rm -f "$MARKER"
    info "stopped"
  fi
}

cmd_status() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    check_external
    return
  fi
  if ! pg_installed; then
    info "PostgreSQL is not installed (start installs it)"
    return 3
  fi
  if ! find_cluster; then
    info "cluster $PG_CLUSTER does not exist yet (start creates it)"
    return 3
  fi
  local pid recorded
  pid="$(running_pid)"
  recorded="$(read_pid "$MARKER")"
  if [[ -z "$pid" ]]; then
    info "stopped: cluster $CL_VER/$PG_CLUSTER (port $CL_PORT)${recorded:+; stale marker for pid $recorded}"
    return 3
  fi
  local who="NOT started by this script"
  [[ "$pid" == "$recorded" ]] && who="started by this script"
  if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
    info "running: cluster $CL_VER/$PG_CLUSTER on 127.0.0.1:$PG_PORT (pid $pid, $who), accepting connections; data $CL_DATADIR; $(log_hint)"
    return 0
  fi
  info "running but NOT accepting connections on 127.0.0.1:$PG_PORT: cluster $CL_VER/$PG_CLUSTER (pid $pid, $who); $(log_hint)"
  return 1
}

main() {
  [[ $# -eq 1 ]] || usage
  case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
