"""Tables of the crm schema; tenant_id on every tenant row."""

from cartera_shared.db import service_metadata
from cartera_shared.inbox import inbox_table
from cartera_shared.replicas import client_replica_table

SCHEMA = "crm"
metadata = service_metadata(SCHEMA)

client_replicas = client_replica_table(metadata)
inbox = inbox_table(metadata)
