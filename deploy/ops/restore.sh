#!/usr/bin/env bash
# Restore schemas from a backup made by backup.sh, then rewind their consumer groups to the
# offsets saved with it, so the services replay what came after the dump when they start.
#
#   # 1. stop every service that uses the schemas (kubectl scale --replicas=0, stack.py down)
#   BACKUP_DATABASE_URL=postgresql://cartera_backup:...@host:5432/cartera \
#   KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
#   deploy/ops/restore.sh --yes /backups/cartera-20260101T000000Z [schema ...]
#   # 2. start the services: the relays publish what the dumps held unpublished, the consumers
#   #    replay from the saved offsets and skip (inbox) what the dumps already applied.
#
# Each named schema is DROPPED and recreated from its dump (in one transaction per schema).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$([ -x "$root/.venv/bin/python" ] && echo "$root/.venv/bin/python" || echo python3)}"

confirmed=no
if [ "${1:-}" = "--yes" ]; then confirmed=yes; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 --yes <backup-dir> [schema ...]" >&2; exit 2; }
backup="$1"; shift
schemas=("$@")
if [ ${#schemas[@]} -eq 0 ]; then
  IFS=, read -r -a schemas <<< "$(sed -n 's/^schemas=//p' "$backup/MANIFEST")"
fi
[ "$confirmed" = yes ] || {
  echo "refusing without --yes: this drops schemas ${schemas[*]}" >&2; exit 2; }
url="${BACKUP_DATABASE_URL:?BACKUP_DATABASE_URL (the cartera_backup role, backup-role.sql) is required}"
url="${url/+asyncpg/}"
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is required}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
joined="$(IFS=,; echo "${schemas[*]}")"

# Refuses (before touching the database) if a group still has members: services must be down.
"$python" "$here/kafka_offsets.py" check "$backup/kafka-offsets.json" \
  --schemas "$joined" --bootstrap "$bootstrap"

for schema in "${schemas[@]}"; do
  [ -f "$backup/$schema.dump" ] || { echo "no dump of $schema in $backup" >&2; exit 1; }
  psql --dbname="$url" --quiet --no-psqlrc -v ON_ERROR_STOP=1 \
    -c "DROP SCHEMA IF EXISTS \"$schema\" CASCADE"
  pg_restore --dbname="$url" --exit-on-error --single-transaction "$backup/$schema.dump"
  echo "restored $schema"
done

"$python" "$here/kafka_offsets.py" reset "$backup/kafka-offsets.json" \
  --schemas "$joined" --bootstrap "$bootstrap"
echo "restore complete: start the services to replay the topics since the dump"
