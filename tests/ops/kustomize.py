"""A small Kustomize renderer for the tests (no kubectl here): resources (files and folders with
a kustomization.yaml), `namespace`, `labels` (metadata only), `images` and strategic-merge
`patches` by kind and name. It refuses anything else it finds, so a kustomization using a feature
it does not know fails the test rather than being rendered wrongly."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

KNOWN = {"apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"}
# Lists merged item by item on this key, as the strategic merge patch does for these fields.
MERGE_KEYS = ("name", "containerPort", "mountPath")


def load_all(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    if isinstance(base, list) and isinstance(patch, list):
        for key in MERGE_KEYS:
            if all(isinstance(i, dict) and key in i for i in [*base, *patch]):
                out = [copy.deepcopy(i) for i in base]
                for item in patch:
                    same = [n for n, b in enumerate(out) if b[key] == item[key]]
                    if same:
                        out[same[0]] = merge(out[same[0]], item)
                    else:
                        out.append(copy.deepcopy(item))
                return out
    return copy.deepcopy(patch)


def identity(doc: dict[str, Any]) -> tuple[str, str]:
    return doc["kind"], doc["metadata"]["name"]


def render(folder: Path) -> list[dict[str, Any]]:
    spec = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unknown = set(spec) - KNOWN
    if unknown:
        raise ValueError(f"{folder}: kustomization fields this renderer does not know: {unknown}")
    docs: list[dict[str, Any]] = []
    for resource in spec.get("resources", []):
        path = (folder / resource).resolve()
        docs.extend(render(path) if path.is_dir() else load_all(path))
    seen = [identity(d) for d in docs]
    duplicates = {i for i in seen if seen.count(i) > 1}
    if duplicates:
        raise ValueError(f"{folder}: declared twice: {duplicates}")
    for patch_file in spec.get("patches", []):
        if set(patch_file) != {"path"}:
            raise ValueError(f"{folder}: only `path` patches are supported: {patch_file}")
        for patch in load_all(folder / patch_file["path"]):
            targets = [n for n, d in enumerate(docs) if identity(d) == identity(patch)]
            if len(targets) != 1:
                raise ValueError(f"{folder}: patch {identity(patch)} matches {len(targets)}")
            docs[targets[0]] = merge(docs[targets[0]], patch)
    for entry in spec.get("labels", []):
        if set(entry) - {"pairs"}:
            raise ValueError(f"{folder}: only plain label pairs are supported: {entry}")
        for doc in docs:
            doc["metadata"].setdefault("labels", {}).update(entry["pairs"])
    for image in spec.get("images", []):
        for doc in docs:
            for container in containers(doc):
                if container["image"].split(":")[0] == image["name"]:
                    container["image"] = (
                        f"{image.get('newName', image['name'])}:{image.get('newTag', 'latest')}"
                    )
    if "namespace" in spec:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc["metadata"]["namespace"] = spec["namespace"]
    return docs


def pod_spec(doc: dict[str, Any]) -> dict[str, Any] | None:
    if doc["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
        spec: dict[str, Any] = doc["spec"]["template"]["spec"]
        return spec
    return None


def containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(doc)
    if spec is None:
        return []
    return [*spec.get("initContainers", []), *spec["containers"]]
