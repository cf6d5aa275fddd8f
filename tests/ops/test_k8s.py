"""The Kubernetes manifests (deploy/k8s), rendered as Kustomize would render them and validated
against the Kubernetes schemas that kubernetes-validate ships (offline, strict: an unknown field
is an error). Strimzi's KafkaTopic and KafkaUser are custom resources the core schemas do not
cover: they are validated against the small schemas below, written from Strimzi's v1beta2 specs."""

from __future__ import annotations

import functools
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
from cartera_shared.kafka import KafkaConnection
from cartera_shared.settings import ServiceSettings, variable_of
from cartera_shared.testing import unstarted_settings

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


def documented_process_variables() -> set[str]:
    """What a process reads outside the settings classes, from the one list docs/configuration.md
    is written from (deploy/local/configuration_doc.py, a script loaded by path)."""
    path = ROOT / "deploy" / "local" / "configuration_doc.py"
    spec = importlib.util.spec_from_file_location("configuration_doc", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name for name, _ in module.PROCESS_VARIABLES}


PROCESS_VARIABLES = documented_process_variables()
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


STRIMZI_METADATA = {
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
}
OPERATIONS = [
    "Read",
    "Write",
    "Create",
    "Delete",
    "Alter",
    "Describe",
    "ClusterAction",
    "AlterConfigs",
    "DescribeConfigs",
    "IdempotentWrite",
    "All",
]
KAFKA_USER_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "kafka.strimzi.io/v1beta2"},
        "kind": {"const": "KafkaUser"},
        "metadata": STRIMZI_METADATA,
        "spec": {
            "type": "object",
            "required": ["authentication", "authorization"],
            "additionalProperties": False,
            "properties": {
                "authentication": {
                    "type": "object",
                    "required": ["type"],
                    "additionalProperties": False,
                    "properties": {"type": {"enum": ["tls", "scram-sha-512", "tls-external"]}},
                },
                "authorization": {
                    "type": "object",
                    "required": ["type", "acls"],
                    "additionalProperties": False,
                    "properties": {
                        "type": {"const": "simple"},
                        "acls": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["resource", "operations"],
                                "additionalProperties": False,
                                "properties": {
                                    "type": {"enum": ["allow", "deny"]},
                                    "host": {"type": "string"},
                                    "operations": {
                                        "type": "array",
                                        "minItems": 1,
                                        "items": {"enum": OPERATIONS},
                                    },
                                    "resource": {
                                        "type": "object",
                                        "required": ["type"],
                                        "additionalProperties": False,
                                        "properties": {
                                            "type": {
                                                "enum": [
                                                    "topic",
                                                    "group",
                                                    "cluster",
                                                    "transactionalId",
                                                ]
                                            },
                                            "name": {"type": "string"},
                                            "patternType": {"enum": ["literal", "prefix"]},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}
STRIMZI_SCHEMAS = {"KafkaTopic": KAFKA_TOPIC_SCHEMA, "KafkaUser": KAFKA_USER_SCHEMA}


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
                jsonschema.validate(doc, STRIMZI_SCHEMAS[doc["kind"]])
            else:
                kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except (kubernetes_validate.ValidationError, jsonschema.ValidationError) as exc:
            errors.append(f"{name}: {short(exc)}")
    assert not errors, "\n".join(errors)
    assert kinds == {
        "ServiceAccount",
        "ConfigMap",
        "KafkaTopic",
        "KafkaUser",
        "NetworkPolicy",
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
        env = {e["name"]: e.get("value") or e["valueFrom"] for e in container["env"]}
        assert env == {
            "CARTERA_SERVICE_NAME": name,
            "PORT": str(port),
            "CARTERA_KAFKA_SASL_USERNAME": f"cartera-{name}",
            # Strimzi's User Operator keeps the user's password in a Secret named after it.
            "CARTERA_KAFKA_SASL_PASSWORD": {
                "secretKeyRef": {"name": f"cartera-{name}", "key": "password"}
            },
        }
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


@functools.cache
def wiring() -> dict[str, tuple[set[str], set[str], set[str]]]:
    """What each service consumes, with which consumer groups, and publishes, read from the apps
    themselves (built, never started)."""
    found = {}
    with pytest.MonkeyPatch.context() as environment:
        for variable, value in unstarted_settings().items():
            environment.setenv(variable, value)
        for name in SERVICES:
            runtime = importlib.import_module(f"cartera_{name}.main").create_app().state.runtime
            subscribers = runtime.broker.subscribers
            consumed = {t for s in subscribers for t in s.topic_names}
            groups = {s.group_id for s in subscribers}
            found[name] = (consumed, groups, runtime.topics - consumed)
    return found


def consumed_topics() -> dict[str, set[str]]:
    return {name: consumed for name, (consumed, _, _) in wiring().items()}


def test_topics_are_declared_and_consumer_groups_scale_up_to_the_partitions(rendered):
    topics = {d["spec"]["topicName"]: d["spec"] for d in by_kind(rendered, "KafkaTopic").values()}
    assert set(topics) == set(ALL_TOPICS) | {dlq(t) for t in ALL_TOPICS}
    config = by_kind(rendered, "ConfigMap")["cartera-config"]["data"]
    default = int(config["CARTERA_KAFKA_TOPIC_PARTITIONS"])
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
    return {variable_of(field) for field in settings_class.model_fields.values()}


def without_default(settings_class) -> set[str]:
    return {
        variable_of(field) for field in settings_class.model_fields.values() if field.is_required()
    }


def test_a_pod_told_to_stop_drains_and_finishes_within_its_grace_period(rendered):
    """SIGTERM: /ready 503 and still serving while kube-proxy and the ingress learn that the
    terminating pod left the endpoints (the drain), then the requests in hand; Kubernetes kills
    only after terminationGracePeriodSeconds, which must cover both."""
    config = by_kind(rendered, "ConfigMap")["cartera-config"]["data"]
    drain = float(config["CARTERA_SHUTDOWN_DRAIN_SECONDS"])
    grace = float(config["CARTERA_SHUTDOWN_GRACE_SECONDS"])
    assert drain > 0
    for name, deployment in by_kind(rendered, "Deployment").items():
        pod = pod_spec(deployment)
        assert pod["terminationGracePeriodSeconds"] >= drain + grace + 5, name
        strategy = deployment["spec"]["strategy"]["rollingUpdate"]
        assert strategy["maxUnavailable"] == 0, name  # a new pod is ready before an old one goes


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
            "CARTERA_DATABASE_APP_URL",
            "CARTERA_KAFKA_BOOTSTRAP_SERVERS",
            "CARTERA_KAFKA_SASL_PASSWORD",
            "CARTERA_INTERNAL_SECRET",
        ):
            assert required in variables, f"{name} lacks {required}"
        # Only the migration Job holds the owner's password.
        assert "CARTERA_DATABASE_URL" not in variables, f"{name} is given the owner's password"
        own = next(
            s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s
            and "CARTERA_DATABASE_APP_URL" in secrets[s["secretRef"]["name"]]
        )  # fmt: skip
        assert own == f"cartera-{name}-secrets", name
        known = aliases(SETTINGS[name]) | aliases(KafkaConnection) | PROCESS_VARIABLES
        unknown = {v for v in variables - known if not v.startswith("OTEL_")}
        assert not unknown, f"{name} gets variables nothing reads: {unknown}"
        # A setting without a default (a secret such as CARTERA_DATA_KEY) must be given, or
        # the service refuses to start.
        missing = without_default(SETTINGS[name]) - variables
        assert not missing, f"{name} is not given what it cannot start without: {missing}"


def test_the_migration_job_runs_every_service_migration_with_the_owner_role(rendered):
    (job,) = by_kind(rendered, "Job").values()
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["image"].split(":")[0].endswith("cartera/migrate")
    script = " ".join(container["command"])
    for name in SERVICES:
        assert name in script
    assert {"configMapRef": {"name": "cartera-config"}} in container["envFrom"]
    assert (
        "CARTERA_DATABASE_URL" in secrets_declared()[container["envFrom"][1]["secretRef"]["name"]]
    )
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    assert job["metadata"]["labels"]["app.kubernetes.io/component"] == "migration"


def test_images_are_the_ones_compose_builds(rendered):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for doc in rendered:
        for container in containers(doc):
            repository = container["image"].rsplit(":", 1)[0]
            name = repository.rsplit("/", 1)[1]
            assert compose[name]["image"] == f"cartera/{name}"


def test_each_service_is_a_kafka_user_allowed_exactly_what_its_code_does(rendered):
    users = by_kind(rendered, "KafkaUser")
    assert set(users) == {f"cartera-{name}" for name in SERVICES}
    for name, (consumed, groups, produced) in wiring().items():
        acls = users[f"cartera-{name}"]["spec"]["authorization"]["acls"]
        granted: dict[tuple[str, str, str], set[str]] = {}
        for acl in acls:
            resource = acl["resource"]
            assert acl.get("type", "allow") == "allow"
            key = (resource["type"], resource["name"], resource.get("patternType", "literal"))
            granted.setdefault(key, set()).update(acl["operations"])
        wanted = {
            **{("topic", t, "literal"): {"Read", "Describe"} for t in consumed},
            **{("topic", t, "literal"): {"Write", "Describe"} for t in produced},
            # A poison message goes to the dead-letter topic of what it came from.
            **{("topic", dlq(t), "literal"): {"Write", "Describe"} for t in consumed},
        }
        if consumed:
            wanted[("group", name, "prefix")] = {"Read", "Describe"}
            assert all(g == name or g.startswith(f"{name}.") for g in groups), groups
        assert granted == wanted, name


def policy_sources(policies: list[dict[str, Any]], target: str) -> tuple[set[str], bool]:
    """Which services' pods may connect to `target`'s pods, and whether anyone may."""
    sources: set[str] = set()
    anyone = False
    for policy in policies:
        selector = policy["spec"]["podSelector"]
        if selector and selector.get("matchLabels", {}).get("app.kubernetes.io/name") != target:
            continue
        for rule in policy["spec"].get("ingress", []):
            if "from" not in rule:
                anyone = True
            for peer in rule.get("from", []):
                if "namespaceSelector" in peer:
                    continue  # another namespace (Prometheus): not a Cartera service
                for expression in peer["podSelector"]["matchExpressions"]:
                    assert expression["key"] == "app.kubernetes.io/name"
                    assert expression["operator"] == "In"
                    sources |= set(expression["values"])
    return sources, anyone


def test_only_the_gateway_and_each_services_declared_callers_reach_it(rendered):
    policies = list(by_kind(rendered, "NetworkPolicy").values())
    deny = [p for p in policies if p["spec"]["podSelector"] == {}]
    assert deny, "no default deny"
    assert all(p["spec"]["policyTypes"] == ["Ingress"] and "ingress" not in p["spec"] for p in deny)
    for target in SERVICES:
        sources, anyone = policy_sources(policies, target)
        if target == "gateway":
            assert anyone
            assert not sources
            continue
        # A service calls another exactly when its settings name that service's address.
        address = f"CARTERA_{target.upper()}_URL"
        callers = {name for name in SERVICES if address in aliases(SETTINGS[name])}
        assert "gateway" in callers
        assert not anyone, f"{target} is open to every pod"
        assert sources == callers, target
    prometheus = next(p for p in policies if p["metadata"]["name"] == "metrics-from-prometheus")
    (rule,) = prometheus["spec"]["ingress"]
    (peer,) = rule["from"]
    assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "monitoring"}
