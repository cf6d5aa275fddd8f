#!/usr/bin/env bash
# `make run` / `make up`: infrastructure, migrations, every service, the demo tenant.
#   run.sh foreground   stay attached; Ctrl-C stops the services and the infrastructure
#   run.sh background   return once every service answers its readiness check
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mode="${1:-foreground}"
PY=.venv/bin/python

# No secret has a default: this checkout's random ones are made on first start and kept in
# .local/secrets/local.env (deploy/local/local_secrets.py); variables already set win.
echo "[run] secrets: $(python3 deploy/local/local_secrets.py path) (random, made for this checkout)"

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
