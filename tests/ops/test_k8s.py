"""The Kubernetes manifests (deploy/k8s), rendered as Kustomize would render them and validated
against the Kubernetes schemas that kubernetes-validate ships (offline, strict: an unknown field
is an error). Strimzi's KafkaTopic is a custom resource the core schemas do not cover: it is
validated against the small schema below, written from Strimzi's v1beta2 KafkaTopic spec."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from cartera_clients.settings import ClientsSettings
from cartera_collections.main import CollectionsSettings
from cartera_crm.settings import CrmSettings
from cartera_gateway.settings import GatewaySettings
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.events.topics import ALL_TOPICS, dlq
from cartera_shared.settings import ServiceSettings

from .kustomize import containers, load_all, pod_spec, render

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33"
SERVICES = ["clients", "invoicing", "collections", "crm", "analytics", "gateway"]
SETTINGS = {
    "clients": ClientsSettings,
    "invoicing": InvoicingSettings,
    "collections": CollectionsSettings,
    "crm": CrmSettings,
    "analytics": ServiceSettings,
    "gateway": GatewaySettings,
}
# Read by the process beside the settings classes: uvicorn's address, the metrics interval
# (service.py) and the OpenTelemetry SDK's own variables (telemetry.py).
PROCESS_VARIABLES = {"HOST", "PORT", "CARTERA_METRICS_INTERVAL_SECONDS", "TRUSTED_PROXIES"}
# Services whose autoscaler follows consumer lag: more replicas than partitions would idle.
LAG_SCALED = {"collections", "crm", "analytics"}

KAFKA_TOPIC_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "kafka.strimzi.io/v1beta2"},
        "kind": {"const": "KafkaTopic"},
        "metadata": {
            "type": "object",
            "required": ["name", "labels"],
            "properties": {
                "name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
                "namespace": {"type": "string"},
                "labels": {
                    "type": "object",
                    "required": ["strimzi.io/cluster"],
                    "additionalProperties": {"type": "string"},
                },
            },
        },
        "spec": {
            "type": "object",
            "required": ["partitions", "replicas"],
            "additionalProperties": False,
            "properties": {
                "topicName": {"type": "string", "pattern": r"^[a-zA-Z0-9._-]{1,249}$"},
                "partitions": {"type": "integer", "minimum": 1},
                "replicas": {"type": "integer", "minimum": 1, "maximum": 32767},
                "config": {
                    "type": "object",
                    "additionalProperties": {"type": ["string", "integer", "number", "boolean"]},
                },
            },
        },
    },
}


@pytest.fixture(scope="module", params=["base", "overlays/example"])
def rendered(request) -> list[dict[str, Any]]:
    return render(K8S / request.param)


@pytest.fixture(scope="module")
def example() -> list[dict[str, Any]]:
    return render(K8S / "overlays/example")


def by_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def short(error: Exception) -> str:
    return str(getattr(error, "message", error)).splitlines()[0][:300]


def test_every_manifest_validates_against_the_kubernetes_schemas(rendered):
    errors = []
    kinds = set()
    for doc in rendered:
        kinds.add(doc["kind"])
        name = f"{doc['kind']}/{doc['metadata']['name']}"
        try:
            if doc["apiVersion"].startswith("kafka.strimzi.io/"):
                jsonschema.validate(doc, KAFKA_TOPIC_SCHEMA)
            else:
                kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except (kubernetes_validate.ValidationError, jsonschema.ValidationError) as exc:
            errors.append(f"{name}: {short(exc)}")
    assert not errors, "\n".join(errors)
    assert kinds == {
        "ServiceAccount",
        "ConfigMap",
        "KafkaTopic",
        "Job",
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
    }


def test_the_example_secrets_validate_too():
    for doc in load_all(K8S / "base/secrets.example.yaml"):
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_the_validator_really_refuses_a_broken_manifest(example):
    deployment = next(d for d in example if d["kind"] == "Deployment")
    broken = yaml.safe_load(yaml.safe_dump(deployment))
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGett"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)
    topic = next(d for d in example if d["kind"] == "KafkaTopic")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**topic, "spec": {"partitions": "3", "replicas": 3}}, KAFKA_TOPIC_SCHEMA
        )


def test_each_service_has_deployment_service_autoscaler_and_disruption_budget(
    rendered, stack_script
):
    ports = {s.name: s.port for s in stack_script.services("dev")}
    deployments = by_kind(rendered, "Deployment")
    services = by_kind(rendered, "Service")
    autoscalers = by_kind(rendered, "HorizontalPodAutoscaler")
    budgets = by_kind(rendered, "PodDisruptionBudget")
    assert set(deployments) == set(services) == set(autoscalers) == set(budgets) == set(SERVICES)
    for name in SERVICES:
        deployment = deployments[name]
        pod = deployment["spec"]["template"]
        labels = pod["metadata"]["labels"]
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= labels.items(), name
        assert services[name]["spec"]["selector"].items() <= labels.items(), name
        assert budgets[name]["spec"]["selector"]["matchLabels"].items() <= labels.items(), name
        (container,) = pod["spec"]["containers"]
        port = container["ports"][0]["containerPort"]
        assert port == ports[name], name
        assert services[name]["spec"]["ports"][0]["port"] == port
        env = {e["name"]: e["value"] for e in container["env"]}
        assert env == {"SERVICE_NAME": name, "PORT": str(port)}
        assert container["livenessProbe"]["httpGet"]["path"] == "/health"
        assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
        assert container["startupProbe"]["httpGet"]["path"] == "/health"
        resources = container["resources"]
        assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}
        assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"
        assert pod["metadata"]["annotations"]["prometheus.io/port"] == str(port)
        assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        hpa = autoscalers[name]["spec"]
        assert hpa["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }
        assert 1 <= hpa["minReplicas"] <= deployment["spec"]["replicas"] <= hpa["maxReplicas"]
        assert budgets[name]["spec"]["minAvailable"] < hpa["minReplicas"], name
        metrics = {m["type"]: m for m in hpa["metrics"]}
        assert metrics["Resource"]["resource"]["name"] == "cpu"
        if name in LAG_SCALED:
            external = metrics["External"]["external"]["metric"]
            assert external["name"] == "cartera_consumer_lag"
            assert external["selector"]["matchLabels"] == {"service": name}
        else:
            assert "External" not in metrics


def consumed_topics() -> dict[str, set[str]]:
    """What each service consumes, read from the apps themselves (their subscribers)."""
    consumed = {}
    for name in SERVICES:
        app = importlib.import_module(f"cartera_{name}.main").create_app()
        consumed[name] = {
            topic
            for subscriber in app.state.runtime.broker.subscribers
            for topic in subscriber.topic_names
        }
    return consumed


def test_topics_are_declared_and_consumer_groups_scale_up_to_the_partitions(rendered):
    topics = {d["spec"]["topicName"]: d["spec"] for d in by_kind(rendered, "KafkaTopic").values()}
    assert set(topics) == set(ALL_TOPICS) | {dlq(t) for t in ALL_TOPICS}
    config = by_kind(rendered, "ConfigMap")["cartera-config"]["data"]
    default = int(config["KAFKA_TOPIC_PARTITIONS"])
    for spec in topics.values():
        assert spec["partitions"] >= default
        assert spec["config"]["retention.ms"] == -1  # replay needs the whole history
        assert spec["replicas"] >= 3
        assert spec["config"]["min.insync.replicas"] == 2
    autoscalers = by_kind(rendered, "HorizontalPodAutoscaler")
    for name, consumed in consumed_topics().items():
        if name not in LAG_SCALED:
            continue
        useful = max(topics[t]["partitions"] for t in consumed)
        assert autoscalers[name]["spec"]["maxReplicas"] <= useful, (
            f"{name}: replicas past {useful} partitions would idle"
        )


def test_the_example_overlay_adds_partitions_and_replicas_together(example):
    topics = by_kind(example, "KafkaTopic")
    assert topics["invoice-issued"]["spec"]["partitions"] == 6
    assert by_kind(example, "HorizontalPodAutoscaler")["collections"]["spec"]["maxReplicas"] == 6
    assert {d["metadata"].get("namespace") for d in example} == {"cartera"}
    for doc in example:
        for container in containers(doc):
            assert re.fullmatch(
                r"registry\.example\.com/cartera/[a-z]+:1\.0\.0", container["image"]
            )


def secrets_declared() -> dict[str, set[str]]:
    return {
        d["metadata"]["name"]: set(d["stringData"])
        for d in load_all(K8S / "base/secrets.example.yaml")
    }


def aliases(settings_class) -> set[str]:
    return {field.validation_alias for field in settings_class.model_fields.values()}


def test_services_get_only_variables_they_read_from_maps_and_secrets_that_exist(rendered):
    maps = {n: set(d["data"]) for n, d in by_kind(rendered, "ConfigMap").items()}
    secrets = secrets_declared()
    for name in SERVICES:
        (container,) = pod_spec(by_kind(rendered, "Deployment")[name])["containers"]
        variables = {e["name"] for e in container["env"]}
        for source in container["envFrom"]:
            if "configMapRef" in source:
                variables |= maps[source["configMapRef"]["name"]]
            else:
                variables |= secrets[source["secretRef"]["name"]]
        for required in (
            "DATABASE_URL",
            "DATABASE_APP_URL",
            "KAFKA_BOOTSTRAP_SERVERS",
            "CARTERA_INTERNAL_SECRET",
        ):
            assert required in variables, f"{name} lacks {required}"
        known = aliases(SETTINGS[name]) | PROCESS_VARIABLES
        unknown = {v for v in variables - known if not v.startswith("OTEL_")}
        assert not unknown, f"{name} gets variables nothing reads: {unknown}"


def test_the_migration_job_runs_every_service_migration_with_the_owner_role(rendered):
    (job,) = by_kind(rendered, "Job").values()
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["image"].split(":")[0].endswith("cartera/migrate")
    script = " ".join(container["command"])
    for name in SERVICES:
        assert name in script
    assert {"configMapRef": {"name": "cartera-config"}} in container["envFrom"]
    assert "DATABASE_URL" in secrets_declared()[container["envFrom"][1]["secretRef"]["name"]]
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    assert job["metadata"]["labels"]["app.kubernetes.io/component"] == "migration"


def test_images_are_the_ones_compose_builds(rendered):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for doc in rendered:
        for container in containers(doc):
            repository = container["image"].rsplit(":", 1)[0]
            name = repository.rsplit("/", 1)[1]
            assert compose[name]["image"] == f"cartera/{name}"
