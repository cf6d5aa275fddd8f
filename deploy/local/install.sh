#!/usr/bin/env bash
# Installs uv if missing, then the whole workspace (every service, shared/, dev tools) from uv.lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then
  echo "[install] uv not found: installing it from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check uv
fi
if command -v uv >/dev/null 2>&1; then UV=(uv); else UV=(python3 -m uv); fi
started=$(date +%s)
"${UV[@]}" sync --frozen --all-packages --quiet
echo "[install] workspace ready in .venv ($(( $(date +%s) - started ))s)"
