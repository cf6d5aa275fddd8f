#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory: one login role per service, owning
# nothing (row-level security binds it), with the password compose passes in. The migrations grant
# each role its own service's schema and nothing else. Passwords go to psql on standard input.
set -euo pipefail
services=(clients invoicing collections crm analytics gateway)
{
  for service in "${services[@]}"; do
    variable="POSTGRES_PASSWORD_CARTERA_${service^^}"
    password="${!variable:?$variable is not set}"
    printf '\\set pw %s\n' "'${password//\'/\'\'}'"
    printf 'CREATE ROLE cartera_%s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :%s;\n' \
      "$service" "'pw'"
    printf 'GRANT CONNECT ON DATABASE %s TO cartera_%s;\n' "$POSTGRES_DB" "$service"
  done
} | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB"
