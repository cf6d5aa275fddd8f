#!/usr/bin/env bash
# `make run` / `make up`: infrastructure, migrations, every service, the demo tenant.
#   run.sh foreground   stay attached; Ctrl-C stops the services and the infrastructure
#   run.sh background   return once every service answers its readiness check
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mode="${1:-foreground}"
PY=.venv/bin/python

if [[ -z "${CARTERA_ADMIN_TOKEN:-}" ]]; then
  export CARTERA_ADMIN_TOKEN=cartera-local-admin-token
  echo "[run] CARTERA_ADMIN_TOKEN not set: using the local default '$CARTERA_ADMIN_TOKEN'"
fi

began=$(date +%s)
deploy/local/install.sh
deploy/local/infra.sh up
eval "$(deploy/local/infra.sh env)"

stop_all() {
  trap - INT TERM EXIT
  echo "[run] stopping"
  "$PY" deploy/local/stack.py down --profile dev || true
  deploy/local/infra.sh down || true
}
if [[ "$mode" == foreground ]]; then trap stop_all INT TERM EXIT; fi

"$PY" deploy/local/stack.py up --profile dev
"$PY" deploy/local/seed_demo.py --gateway http://127.0.0.1:8000
echo "[run] system up in $(( $(date +%s) - began ))s"

if [[ "$mode" == foreground ]]; then
  echo "[run] Ctrl-C stops everything"
  "$PY" deploy/local/stack.py watch --profile dev
fi
