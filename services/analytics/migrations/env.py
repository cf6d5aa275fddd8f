from cartera_analytics.models import SCHEMA, metadata
from cartera_shared.migrations import run_migrations

run_migrations(metadata, SCHEMA)
