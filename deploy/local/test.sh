#!/usr/bin/env bash
# `make test`: install, start the infrastructure, lint, type-check, migrate, check migrations
# against the models, and run every test suite against the real PostgreSQL and Kafka.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PY=.venv/bin/python
phase() { echo; echo "=== $1 ($(( $(date +%s) - began ))s)"; }
began=$(date +%s)

phase "install"
deploy/local/install.sh
# The FacturaE signature tests check every signed file with xmlsec1 (Debian's package), a verifier
# Cartera did not write; under CI a missing xmlsec1 fails those tests, so install it here.
LOG_TAG=test
# shellcheck source=deploy/local/_lib.sh
source deploy/local/_lib.sh
if ! have xmlsec1; then
  apt_install xmlsec1
  have xmlsec1 || die "xmlsec1 still missing after apt-get install xmlsec1"
fi

phase "infrastructure"
# In CI the broker starts from empty storage, so no test can lean on an earlier run's topics.
if [[ "${CI:-}" == "true" ]]; then export KAFKA_FRESH=1; fi
deploy/local/infra.sh up
eval "$(deploy/local/infra.sh env)"
export DATABASE_TEST_URL="${DATABASE_TEST_URL:-${CARTERA_DATABASE_URL:-$DATABASE_URL}}"
export DATABASE_APP_TEST_URL="${DATABASE_APP_TEST_URL:-${CARTERA_DATABASE_APP_URL:-${DATABASE_APP_URL:-$DATABASE_TEST_URL}}}"

cleanup() {
  "$PY" deploy/local/stack.py down --profile test >/dev/null 2>&1 || true
  # CI ends with nothing left running; a developer keeps the infrastructure for the next run.
  if [[ "${CI:-}" == "true" ]]; then deploy/local/infra.sh down || true; fi
}
trap cleanup EXIT

phase "lint and types"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy shared/cartera_shared services/*/cartera_*

phase "migrations"
# Every run migrates an empty test database: what a fresh machine sees, and no leftovers.
"$PY" deploy/local/stack.py reset --profile test
"$PY" deploy/local/stack.py migrate --profile test
for service in services/*/; do
  (cd "$service" && CARTERA_DATABASE_URL="$DATABASE_TEST_URL" ../../.venv/bin/alembic check)
done

phase "tests"
# The slowest tests are listed at the end: the whole run must stay under the CI budget.
"$PY" -m pytest --durations=25 "$@"
phase "done"
