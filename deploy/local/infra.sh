#!/usr/bin/env bash
# Local infrastructure for Cartera: PostgreSQL + Kafka.
#
#   deploy/local/infra.sh up       postgres.sh start, then kafka.sh start (timed)
#   deploy/local/infra.sh down     kafka.sh stop, then postgres.sh stop
#   deploy/local/infra.sh status   both statuses (exit 0 only if both are up)
#   deploy/local/infra.sh env      `export` lines for the services/tests:
#                                  eval "$(deploy/local/infra.sh env)"
set -euo pipefail

LOG_TAG=infra
# shellcheck source=deploy/local/_lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_lib.sh"

PG_PORT="${POSTGRES_PORT:-55432}"
KAFKA_PORT="${KAFKA_PORT:-9092}"

usage() {
  cat >&2 <<'EOF'
usage: deploy/local/infra.sh up|down|status|env

  up      start PostgreSQL then Kafka (see postgres.sh / kafka.sh for env vars)
  down    stop Kafka then PostgreSQL (only what these scripts started)
  status  show both; exit 0 only if both answer
  env     print export lines: eval "$(deploy/local/infra.sh env)"
EOF
  exit 2
}

cmd_up() {
  local t0 t1 t2
  t0="$(now_ms)"
  # Not started here: the test of the gateway's shared rate limits runs its own Redis on loopback.
  have redis-server || apt_install redis-server
  "$LIB_DIR/postgres.sh" start
  t1="$(now_ms)"
  info "postgres up in $(fmt_ms $((t1 - t0)))"
  "$LIB_DIR/kafka.sh" start
  t2="$(now_ms)"
  info "kafka up in $(fmt_ms $((t2 - t1)))"
  info "all up in $(fmt_ms $((t2 - t0))); for the environment: eval \"\$(deploy/local/infra.sh env)\""
}

cmd_down() {
  local rc=0
  "$LIB_DIR/kafka.sh" stop || rc=1
  "$LIB_DIR/postgres.sh" stop || rc=1
  return "$rc"
}

cmd_status() {
  local rc=0 krc=0
  "$LIB_DIR/postgres.sh" status || rc=$?
  "$LIB_DIR/kafka.sh" status || krc=$?
  if ((krc > rc)); then rc=$krc; fi
  return "$rc"
}

# export NAME='value' (single-quoted: eval-safe and readable).
emit() { printf "export %s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }

SERVICES=(clients invoicing collections crm analytics gateway)

# postgresql+asyncpg://ROLE:PASSWORD@127.0.0.1:PORT/DATABASE, the password from local_secrets.py.
local_url() {
  local role="$1" database="$2" password
  password="$(python3 "$LIB_DIR/local_secrets.py" get "POSTGRES_PASSWORD_${role^^}")"
  printf 'postgresql+asyncpg://%s:%s@127.0.0.1:%s/%s' "$role" "$password" "$PG_PORT" "$database"
}

cmd_env() {
  local svc
  # The services' names are CARTERA_*; the former unprefixed ones are still understood here.
  local owner_url="${CARTERA_DATABASE_URL:-${DATABASE_URL:-}}"
  local app_url="${CARTERA_DATABASE_APP_URL:-${DATABASE_APP_URL:-}}"
  local kafka="${CARTERA_KAFKA_BOOTSTRAP_SERVERS:-${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}}"
  if [[ -n "$owner_url" ]]; then
    # External database: keep what is set, derive only what is implied.
    emit CARTERA_DATABASE_URL "$owner_url"
    [[ -z "$app_url" ]] || emit CARTERA_DATABASE_APP_URL "$app_url"
    if [[ -n "${DATABASE_TEST_URL:-}" ]]; then
      emit DATABASE_TEST_URL "$DATABASE_TEST_URL"
      emit DATABASE_APP_TEST_URL "${DATABASE_APP_TEST_URL:-$DATABASE_TEST_URL}"
    elif [[ -n "${DATABASE_APP_TEST_URL:-}" ]]; then
      emit DATABASE_APP_TEST_URL "$DATABASE_APP_TEST_URL"
      echo '# DATABASE_TEST_URL not set: cannot be derived from an external CARTERA_DATABASE_URL'
    else
      echo '# DATABASE_TEST_URL / DATABASE_APP_TEST_URL not set: cannot be derived from an external CARTERA_DATABASE_URL'
    fi
  else
    # The local cluster: the owner for migrations, and one role per service that can use its
    # own schema only (DATABASE_APP_URL_<SERVICE>, read by deploy/local/stack.py).
    emit CARTERA_DATABASE_URL "$(local_url cartera_owner cartera)"
    emit DATABASE_TEST_URL "${DATABASE_TEST_URL:-$(local_url cartera_owner cartera_test)}"
    for svc in "${SERVICES[@]}"; do
      emit "DATABASE_APP_URL_${svc^^}" "$(local_url "cartera_$svc" cartera)"
      emit "DATABASE_APP_TEST_URL_${svc^^}" "$(local_url "cartera_$svc" cartera_test)"
    done
    # The library's own tests work in throw-away schemas as this non-owner role.
    emit DATABASE_APP_TEST_URL "${DATABASE_APP_TEST_URL:-$(local_url cartera_lab cartera_test)}"
  fi
  emit CARTERA_KAFKA_BOOTSTRAP_SERVERS "$kafka"
}

main() {
  [[ $# -eq 1 ]] || usage
  case "$1" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
  esac
}

main "$@"
