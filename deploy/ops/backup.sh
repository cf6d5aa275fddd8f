#!/usr/bin/env bash
# Logical backup of Cartera: one pg_dump per service schema, plus the consumer groups' Kafka
# offsets taken just BEFORE the dumps (so a restore replays exactly what came after them).
#
#   BACKUP_DATABASE_URL=postgresql://cartera_backup:...@host:5432/cartera \
#   KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
#   deploy/ops/backup.sh /backups/cartera-$(date -u +%Y%m%dT%H%M%SZ) [schema ...]
#
# Connects as cartera_backup (deploy/ops/backup-role.sql: the owner's rights and BYPASSRLS).
# The dumps are custom-format (-Fc): restore one schema or all with deploy/ops/restore.sh. What such a backup can and cannot bring back:
# docs/operations.md, "Backups and restore".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$([ -x "$root/.venv/bin/python" ] && echo "$root/.venv/bin/python" || echo python3)}"

[ $# -ge 1 ] || { echo "usage: $0 <backup-dir> [schema ...]" >&2; exit 2; }
out="$1"; shift
schemas=("$@")
[ ${#schemas[@]} -gt 0 ] || schemas=(clients invoicing collections crm analytics gateway)
url="${BACKUP_DATABASE_URL:?BACKUP_DATABASE_URL (the cartera_backup role, backup-role.sql) is required}"
url="${url/+asyncpg/}"  # the services' SQLAlchemy URL, as libpq reads it
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is required}"

mkdir -p "$out"
if [ -n "$(ls -A "$out")" ]; then echo "$out is not empty" >&2; exit 1; fi
joined="$(IFS=,; echo "${schemas[*]}")"

# 1. Offsets first: everything before them is committed in the database, hence in the dumps.
"$python" "$here/kafka_offsets.py" save "$out/kafka-offsets.json" \
  --schemas "$joined" --bootstrap "$bootstrap"

# 2. One dump per schema (each is a consistent snapshot of its schema).
for schema in "${schemas[@]}"; do
  pg_dump --dbname="$url" --format=custom --schema="$schema" --file="$out/$schema.dump"
  echo "dumped $schema ($(du -h "$out/$schema.dump" | cut -f1))"
done

# 3. What was taken, and checksums the restore verifies.
(
  cd "$out"
  sha256sum -- *.dump kafka-offsets.json > SHA256SUMS
  {
    echo "taken_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "schemas=$joined"
    echo "pg_dump=$(pg_dump --version)"
  } > MANIFEST
)
echo "backup complete in $out"
