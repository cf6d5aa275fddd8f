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

    Skipped when the role does not exist (a DATABASE_URL pointing at someone else's server).
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
