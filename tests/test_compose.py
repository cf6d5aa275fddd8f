"""docker-compose.yml cannot run here (no Docker engine); its structure is checked instead, and
kept in step with the local runner: same services, same ports, same environment variables."""

import importlib
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from cartera_clients.settings import ClientsSettings
from cartera_collections.main import CollectionsSettings
from cartera_crm.settings import CrmSettings
from cartera_gateway.settings import GatewaySettings
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.settings import ServiceSettings, variable_of

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ["clients", "invoicing", "collections", "crm", "analytics", "gateway"]
# Read by main.run() and by the image, beside the settings classes.
PROCESS_VARIABLES = {"HOST", "PORT"}


def load(path):
    return yaml.safe_load((ROOT / path).read_text())


@pytest.fixture(scope="module")
def compose():
    return load("docker-compose.yml")


def aliases(settings_class):
    return {variable_of(field) for field in settings_class.model_fields.values()}


SETTINGS = {
    "clients": ClientsSettings,
    "invoicing": InvoicingSettings,
    "collections": CollectionsSettings,
    "crm": CrmSettings,
    "analytics": ServiceSettings,
    "gateway": GatewaySettings,
}


def test_each_service_is_given_every_setting_it_cannot_start_without(compose):
    """A setting without a default (a secret such as CARTERA_DATA_KEY) that compose does not
    pass would make the service refuse to start."""
    for name, settings_class in SETTINGS.items():
        environment = compose["services"][name]["environment"]
        wanted = {
            variable_of(field)
            for field in settings_class.model_fields.values()
            if field.is_required()
        }
        assert not wanted - set(environment), f"{name} lacks {wanted - set(environment)}"


def test_every_service_and_the_infrastructure_are_there(compose):
    assert set(compose["services"]) == {*SERVICES, "postgres", "kafka", "migrate"}


def test_kafka_runs_in_kraft_combined_mode(compose):
    environment = compose["services"]["kafka"]["environment"]
    assert set(environment["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "ZOOKEEPER" not in " ".join(environment)
    assert int(environment["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == 1


def test_services_use_only_variables_their_settings_read(compose):
    known = aliases(ServiceSettings) | PROCESS_VARIABLES
    for name in SERVICES:
        environment = compose["services"][name]["environment"]
        allowed = known | (aliases(GatewaySettings) if name == "gateway" else set())
        allowed |= aliases(ClientsSettings) if name == "clients" else set()
        allowed |= aliases(InvoicingSettings) if name == "invoicing" else set()
        allowed |= aliases(CollectionsSettings) if name == "collections" else set()
        allowed |= aliases(CrmSettings) if name == "crm" else set()
        unknown = set(environment) - allowed
        assert not unknown, f"{name} sets variables nothing reads: {unknown}"
        # A service holds its own role's URL, never the owner's (only the migration job does).
        assert "CARTERA_DATABASE_URL" not in environment, f"{name} is given the owner's password"
        assert f"cartera_{name}:" in environment["CARTERA_DATABASE_APP_URL"], name
        for required in (
            "CARTERA_DATABASE_APP_URL",
            "CARTERA_KAFKA_BOOTSTRAP_SERVERS",
            "CARTERA_INTERNAL_SECRET",
            "CARTERA_SERVICE_NAME",
            "PORT",
        ):
            assert required in environment, f"{name} lacks {required}"
        assert environment["CARTERA_SERVICE_NAME"] == name


def test_ports_match_the_local_runner(compose, stack_script):
    local = {s.name: s.port for s in stack_script.services("dev")}
    for name in SERVICES:
        service = compose["services"][name]
        port = int(service["environment"]["PORT"])
        assert port == local[name], name
        assert service["ports"] == [f"127.0.0.1:{port}:{port}"], name


# Who asks whom: always callee-ward, never in a cycle (docs/architecture.md).
CALLEES = {
    "invoicing": ["clients"],
    "collections": ["invoicing", "clients"],
    "crm": ["invoicing", "clients"],
}


@pytest.mark.parametrize("caller", sorted(CALLEES))
def test_services_ask_their_callees_by_their_compose_names(compose, caller):
    environment = compose["services"][caller]["environment"]
    for callee in CALLEES[caller]:
        port = compose["services"][callee]["environment"]["PORT"]
        assert environment[f"CARTERA_{callee.upper()}_URL"] == f"http://{callee}:{port}"
    others = {f"CARTERA_{s.upper()}_URL" for s in SERVICES} - {
        f"CARTERA_{c.upper()}_URL" for c in CALLEES[caller]
    }
    assert not others & set(environment), f"{caller} is given a service it must not call"


def test_the_gateway_reaches_every_service_by_its_compose_name(compose):
    environment = compose["services"]["gateway"]["environment"]
    for name in SERVICES[:-1]:
        url = environment[f"CARTERA_{name.upper()}_URL"]
        assert re.fullmatch(
            rf"http://{name}:{compose['services'][name]['environment']['PORT']}", url
        )
    assert set(compose["services"]["gateway"]["depends_on"]) == set(SERVICES[:-1])


def test_services_start_after_migrations_and_the_broker(compose):
    for name in SERVICES[:-1]:
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["kafka"]["condition"] == "service_healthy"
        assert "healthcheck" in compose["services"][name]


def test_each_image_builds_a_service_that_exists(compose):
    for name in SERVICES:
        build = compose["services"][name]["build"]
        assert build["args"]["SERVICE"] == name
        assert (ROOT / build["dockerfile"]).exists()
        assert importlib.util.find_spec(f"cartera_{name}.main") is not None


def test_the_migration_job_migrates_every_service(compose):
    command = " ".join(compose["services"]["migrate"]["command"])
    for name in SERVICES:
        assert name in command
        assert (ROOT / "services" / name / "alembic.ini").exists()


def test_no_secret_has_a_default(compose):
    """A `${VAR:-default}` for a secret is a published secret: compose must refuse instead."""
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in re.findall(r"\$\{([A-Z_]+)[^}]*\}", text):
        assert re.search(rf"\$\{{{variable}:\?", text), f"{variable} may be left unset"
    assert ":-" not in text
    for literal in ("cartera_owner@", "cartera_app", "change-me", "cartera-local"):
        assert literal not in text.lower().replace("cartera_owner:$", ""), literal


def test_the_init_script_makes_one_role_per_service_from_the_passed_passwords(tmp_path):
    """deploy/docker/postgres-init.sh, run with a stand-in psql that keeps what it is given."""
    fake_psql = tmp_path / "psql"
    fake_psql.write_text(f'#!/bin/sh\ncat > "{tmp_path}/sql"\n')
    fake_psql.chmod(0o755)
    passwords = {f"POSTGRES_PASSWORD_CARTERA_{s.upper()}": f"pw-{s}-o'k" for s in SERVICES}
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "POSTGRES_USER": "cartera_owner",
        "POSTGRES_DB": "cartera",
        **passwords,
    }
    subprocess.run([str(ROOT / "deploy/docker/postgres-init.sh")], env=env, check=True)
    sql = (tmp_path / "sql").read_text()
    for service in SERVICES:
        assert f"CREATE ROLE cartera_{service} LOGIN NOSUPERUSER" in sql
        assert f"\\set pw 'pw-{service}-o''k'" in sql  # quoted, never on a command line
    assert sql.count("NOBYPASSRLS") == len(SERVICES)
    missing = {k: v for k, v in env.items() if k != "POSTGRES_PASSWORD_CARTERA_CRM"}
    refused = subprocess.run(
        [str(ROOT / "deploy/docker/postgres-init.sh")], env=missing, capture_output=True
    )
    assert refused.returncode != 0
