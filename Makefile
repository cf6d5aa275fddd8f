# Cartera: two commands do all set-up on a fresh machine.
#   make run    the whole system in the foreground, with a demo tenant (Ctrl-C stops everything)
#   make test   every check and every test, against a real PostgreSQL and Kafka
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python

.PHONY: help install run up down status test test-quick lint infra-up infra-down migrate seed docs sdk sdk-typescript bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: ## install uv if missing and the whole workspace from uv.lock
	@deploy/local/install.sh

run: ## install, start everything, seed the demo tenant; Ctrl-C stops it all
	@deploy/local/run.sh foreground

up: ## the same system in the background; returns once every service is ready
	@deploy/local/run.sh background

down: ## stop what `make up` started: the services, then the infrastructure
	@if [ -x $(PY) ]; then $(PY) deploy/local/stack.py down --profile dev; fi
	@deploy/local/infra.sh down

status: ## what is running
	@deploy/local/infra.sh status || true
	@$(PY) deploy/local/stack.py status --profile dev || true

test: ## lint, types, migrations check and every test (starts what it needs)
	@deploy/local/test.sh

test-quick: ## the same without the tests marked slow (faults, browser, restore drill, fuzz, big imports)
	@deploy/local/test.sh -m "not slow"

lint: install ## ruff and mypy only
	@.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy shared/cartera_shared services/*/cartera_*

infra-up: ## PostgreSQL and Kafka only
	@deploy/local/infra.sh up

infra-down: ## stop PostgreSQL and Kafka (only if these scripts started them)
	@deploy/local/infra.sh down

migrate: install ## migrate every service's schema
	@eval "$$(deploy/local/infra.sh env)" && $(PY) deploy/local/stack.py migrate --profile dev

seed: ## (re)create the demo tenant's data through the gateway
	@$(PY) deploy/local/seed_demo.py --gateway http://127.0.0.1:8000

docs: install ## regenerate docs/api (OpenAPI and AsyncAPI), the gateway's routes.json, the guides' generated parts, docs/configuration.md and both client SDKs
	@$(PY) -m cartera_gateway.export_docs docs/api
	@$(PY) deploy/local/configuration_doc.py
	@$(MAKE) --no-print-directory sdk

sdk: install sdk-typescript ## regenerate the client SDKs (clients/python, clients/typescript) from docs/api/openapi.json
	@$(PY) deploy/local/sdk_python.py

sdk-typescript: ## regenerate clients/typescript's types from docs/api/openapi.json
	@cd clients/typescript && { [ -d node_modules/openapi-typescript ] || npm ci --no-audit --no-fund --loglevel=error; } && node generate.mjs

bench: install ## load the system through the gateway; writes docs/benchmarks.md (about 15 min)
	@$(PY) bench/run.py
