#!/usr/bin/env bash
# Installs uv if missing, then the whole workspace (every service, shared/, dev tools) from uv.lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

LOG_TAG=install
# shellcheck source=deploy/local/_lib.sh
source deploy/local/_lib.sh

# uv: the one on PATH, or the one installed here before, or a new one from PyPI in a virtual
# environment of this checkout (.local/uv). Debian's own Python refuses `pip install` outside a
# virtual environment (PEP 668), so it never goes into the system's Python.
PRIVATE_UV=.local/uv/bin/uv
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
elif [[ -x "$PRIVATE_UV" ]]; then
  UV=("$PRIVATE_UV")
else
  echo "[install] uv not found: installing it from PyPI into .local/uv"
  if ! python3 -m venv .local/uv >/dev/null 2>&1; then
    rm -rf .local/uv
    apt_install python3-venv
    python3 -m venv .local/uv
  fi
  .local/uv/bin/python -m pip install --quiet --disable-pip-version-check uv
  UV=("$PRIVATE_UV")
fi
started=$(date +%s)
"${UV[@]}" sync --frozen --all-packages --quiet
echo "[install] workspace ready in .venv ($(( $(date +%s) - started ))s)"

# The web app (webapp/): built into webapp/dist with npm, which the gateway serves under /app.
# Node and npm come from Debian when missing. Rebuilt only when its sources or lock file change
# (a stamp holds their hash); `npm ci` only when the lock file changed.
if ! have npm; then
  apt_install nodejs npm
fi
# The TypeScript client (clients/typescript): its generator (openapi-typescript, which `make sdk`
# and the staleness test run), openapi-fetch and esbuild for its quickstart, which the e2e tests
# run against the system. `npm ci` only when the lock file changed.
client_lock="$(sha256sum clients/typescript/package-lock.json | cut -c1-64)"
if [[ "$(cat clients/typescript/node_modules/.cartera-lock 2>/dev/null)" != "$client_lock" ]]; then
  started=$(date +%s)
  (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error)
  echo "$client_lock" >clients/typescript/node_modules/.cartera-lock
  echo "[install] TypeScript client's tools installed in clients/typescript ($(( $(date +%s) - started ))s)"
else
  echo "[install] TypeScript client's tools up to date (clients/typescript)"
fi

# The web app's types come from clients/typescript/src: a change there rebuilds it too.
webapp_hash() {
  { (cd webapp && find src build.mjs tsconfig.json package.json package-lock.json -type f -print0) |
      LC_ALL=C sort -z | (cd webapp && xargs -0 sha256sum)
    find clients/typescript/src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-64
}
sources="$(webapp_hash)"
if [[ -f webapp/dist/index.html && "$(cat webapp/.build-stamp 2>/dev/null)" == "$sources" ]]; then
  echo "[install] web app up to date (webapp/dist)"
else
  started=$(date +%s)
  lock="$(sha256sum webapp/package-lock.json | cut -c1-64)"
  if [[ "$(cat webapp/node_modules/.cartera-lock 2>/dev/null)" != "$lock" ]]; then
    (cd webapp && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock" >webapp/node_modules/.cartera-lock
  fi
  (cd webapp && npm run --silent build)
  echo "$sources" >webapp/.build-stamp
  echo "[install] web app built into webapp/dist ($(( $(date +%s) - started ))s)"
fi

# The API documents' tools (tools/api-docs): Redocly CLI, which lints docs/api/openapi.json in the
# tests, and Redoc, whose standalone bundle is copied into tools/api-docs/dist for the gateway to
# serve the reference at /v1/docs/reference (nothing comes from a CDN when a partner reads it).
# `npm ci` only when the lock file changed; the bundle is copied again after each install.
api_docs_lock="$(sha256sum tools/api-docs/package-lock.json | cut -c1-64)"
if [[ "$(cat tools/api-docs/node_modules/.cartera-lock 2>/dev/null)" != "$api_docs_lock" ||
      ! -f tools/api-docs/dist/redoc.standalone.js ]]; then
  started=$(date +%s)
  (cd tools/api-docs && npm ci --no-audit --no-fund --loglevel=error && npm run --silent vendor)
  echo "$api_docs_lock" >tools/api-docs/node_modules/.cartera-lock
  echo "[install] API document tools installed in tools/api-docs ($(( $(date +%s) - started ))s)"
else
  echo "[install] API document tools up to date (tools/api-docs)"
fi

# The browser tests drive Debian's Chromium (tests/browser); Playwright's own browsers are not used.
if [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium
fi
