-- The role backups and restores run as: the owner's rights, and BYPASSRLS, because the service
-- tables FORCE row-level security (even their owner sees only the tenant it sets), and pg_dump
-- refuses to dump a table whose rows a policy would hide. Only a superuser can grant BYPASSRLS:
-- run this once per cluster as one, e.g.
--   psql -h <host> -U postgres -d cartera -v backup_password="$(openssl rand -hex 24)" \
--     -f deploy/ops/backup-role.sql
-- Keep its password with the backup job only; the services never use this role.
SELECT 'CREATE ROLE cartera_backup LOGIN NOSUPERUSER BYPASSRLS'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cartera_backup')
\gexec
ALTER ROLE cartera_backup LOGIN NOSUPERUSER NOCREATEROLE BYPASSRLS PASSWORD :'backup_password';
GRANT cartera_owner TO cartera_backup;
