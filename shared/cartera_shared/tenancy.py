"""Row-level security for tenant tables, as migration operations.

Every tenant table gets `tenant_id` and a policy on `app.tenant_id`; FORCE makes the policy bind
the table's owner too, so even a migration-role connection cannot read across tenants by mistake.
A transaction that did not set a tenant sees no rows at all.
"""

from __future__ import annotations

TENANT_PREDICATE = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid"


def enable_tenant_rls_sql(schema: str, table: str) -> list[str]:
    qualified = f'"{schema}"."{table}"'
    return [
        f"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {qualified} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS tenant_isolation ON {qualified}",
        f"CREATE POLICY tenant_isolation ON {qualified} "
        f"USING ({TENANT_PREDICATE}) WITH CHECK ({TENANT_PREDICATE})",
    ]


def grant_app_role_sql(schema: str, role: str) -> list[str]:
    """Let the services' role use the schema's tables without owning them.

    Skipped when the role does not exist (a CARTERA_DATABASE_URL pointing at someone else's server).
    """
    return [
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                EXECUTE 'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"';
                EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE '
                     'ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"';
                EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"';
                EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" '
                     'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{role}"';
                EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" '
                     'GRANT USAGE, SELECT ON SEQUENCES TO "{role}"';
            END IF;
        END
        $$
        """
    ]


def revoke_other_roles_sql(schema: str, keep: str) -> list[str]:
    """Take the schema away from every role but its owner and `keep`, the service's own role.

    Before each service had a role of its own, one role was granted every schema: this undoes
    such grants wherever they remain, whatever the role was called.
    """
    return [
        f"""
        DO $$
        DECLARE
            grantee text;
        BEGIN
            FOR grantee IN
                SELECT DISTINCT r.rolname
                  FROM pg_namespace n
                 CROSS JOIN LATERAL aclexplode(n.nspacl) a
                  JOIN pg_roles r ON r.oid = a.grantee
                 WHERE n.nspname = '{schema}'
                   AND a.grantee <> n.nspowner
                   AND r.rolname <> '{keep}'
            LOOP
                EXECUTE format(
                    'REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', '{schema}', grantee
                );
                EXECUTE format(
                    'REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', '{schema}', grantee
                );
                EXECUTE format(
                    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM %I',
                    '{schema}', grantee
                );
                EXECUTE format(
                    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM %I',
                    '{schema}', grantee
                );
                EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %I', '{schema}', grantee);
            END LOOP;
        END
        $$
        """
    ]
