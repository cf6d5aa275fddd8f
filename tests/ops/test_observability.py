"""The alerting rules, the autoscaler's external-metric rule and the Grafana dashboard query
only metrics the services really export, and cover what the operations issue asks for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import cartera_invoicing.verifactu.status  # noqa: F401  (registers the VERI*FACTU metrics)

ROOT = Path(__file__).resolve().parents[2]
OPS = ROOT / "deploy" / "ops"
METRIC = re.compile(r"\bcartera_[a-z_]+\b")


def exported() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        if family.name.startswith("cartera_"):
            names.add(family.name)
            names.update(sample.name for sample in family.samples)
            suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_count", "_sum"]}
            names.update(family.name + s for s in suffixes.get(family.type, []))
    return names


def balanced(expr: str) -> bool:
    depth = 0
    for char in expr:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def alert_rules() -> list[dict]:
    groups = yaml.safe_load((OPS / "prometheus/alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def test_alert_rules_use_exported_metrics_and_cover_the_issue():
    known = exported()
    rules = alert_rules()
    for rule in rules:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule["alert"]
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]
        assert balanced(rule["expr"]), rule["alert"]
        used = set(METRIC.findall(rule["expr"]))
        assert used, rule["alert"]
        assert used <= known, f"{rule['alert']} uses {used - known}"
    by_metric = {m for rule in rules for m in METRIC.findall(rule["expr"])}
    for wanted in (
        "cartera_outbox_backlog",
        "cartera_outbox_oldest_age_seconds",
        "cartera_kafka_consumer_lag",
        "cartera_dlq_size",
        "cartera_job_runs_total",
        "cartera_verifactu_oldest_waiting_seconds",
        "cartera_verifactu_rejections_total",
    ):
        assert wanted in by_metric, wanted
    assert len({rule["alert"] for rule in rules}) == len(rules)


def test_the_autoscalers_external_metric_comes_from_the_lag_gauge():
    rules = yaml.safe_load((OPS / "prometheus/adapter-rules.yaml").read_text())["externalRules"]
    (rule,) = rules
    assert rule["name"]["as"] == "cartera_consumer_lag"
    assert set(METRIC.findall(rule["seriesQuery"])) == {"cartera_kafka_consumer_lag"}
    assert "max by (service)" in rule["metricsQuery"]
    assert balanced(rule["metricsQuery"])


def test_the_dashboard_queries_exported_metrics():
    dashboard = json.loads((OPS / "grafana/cartera-operations.json").read_text())
    known = exported()
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    shown = set()
    for panel in panels:
        for target in panel["targets"]:
            used = set(METRIC.findall(target["expr"]))
            assert used <= known, f"{panel['title']} uses {used - known}"
            assert balanced(target["expr"])
            shown |= used
    for wanted in (
        "cartera_http_request_duration_seconds_bucket",
        "cartera_kafka_consumer_lag",
        "cartera_outbox_backlog",
        "cartera_outbox_oldest_age_seconds",
        "cartera_dlq_size",
        "cartera_job_runs_total",
    ):
        assert wanted in shown, wanted
    assert {v["name"] for v in dashboard["templating"]["list"]} == {"datasource", "service"}
