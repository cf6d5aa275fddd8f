"""Row-level security for tenant tables, as migration operations.

Every tenant table gets `tenant_id` and a policy on `app.tenant_id`; FORCE makes the policy bind
the table's owner too, so even a migration-role connection cannot read across tenants by mistake.
A transaction that did not set a tenant sees no rows at all.
"""

from __future__ import annotations

import hashlib
import uuid

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


# --- Test mode: sandbox tenants ------------------------------------------------------------------
#
# A tenant's sandbox twin holds what its test API keys make. Its id tells it apart by itself, so
# every service and background job (the VERI*FACTU sender, recurring invoices, dunning, webhooks)
# knows a sandbox without asking the gateway: a UUID version 8 (RFC 9562 §5.8, a layout of our
# own) whose first 32 bits are 7e577e57 ("test test"), read at a glance in logs and URLs. The rest
# is a hash of the live tenant's id, so a tenant has one twin, always the same, found without a
# lookup. Live tenants get version 4 ids (uuid4), which never carry version 8: no live tenant can
# be taken for a sandbox, nor a sandbox for a live one.

SANDBOX_MARKER = bytes.fromhex("7e577e57")


def is_test_tenant(tenant_id: uuid.UUID | str | None) -> bool:
    """Whether `tenant_id` is a sandbox (a test API key's tenant): nothing of it leaves Cartera."""
    if tenant_id is None:
        return False
    try:
        value = tenant_id if isinstance(tenant_id, uuid.UUID) else uuid.UUID(str(tenant_id))
    except ValueError:
        return False
    return (
        value.variant == uuid.RFC_4122
        and value.version == 8
        and value.bytes[: len(SANDBOX_MARKER)] == SANDBOX_MARKER
    )


def sandbox_twin(live_tenant_id: uuid.UUID) -> uuid.UUID:
    """The sandbox twin of a live tenant (the same id every time)."""
    if is_test_tenant(live_tenant_id):
        raise ValueError("a sandbox tenant has no twin of its own")
    digest = hashlib.sha256(b"cartera-sandbox:" + live_tenant_id.bytes).digest()
    raw = bytearray(SANDBOX_MARKER + digest[len(SANDBOX_MARKER) : 16])
    raw[6] = (raw[6] & 0x0F) | 0x80  # version 8
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 9562 variant
    return uuid.UUID(bytes=bytes(raw))


def mode_of(tenant_id: uuid.UUID | str | None) -> str:
    """`test` for a sandbox tenant, else `live`: what answers and events say."""
    return "test" if is_test_tenant(tenant_id) else "live"
