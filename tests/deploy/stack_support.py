"""The deployment tests' helpers: the templates as data, AWS clients for a moto server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "service" / "deploy"
REGION = "us-east-1"


class _TemplateLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short tags read as their long form (`!Ref x` -> {"Ref": x})."""


def _short_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return {"Ref" if suffix == "Ref" else f"Fn::{suffix}": value}


_TemplateLoader.add_multi_constructor("!", _short_tag)


def load_template(name: str) -> dict[str, Any]:
    """`service/deploy/cloudformation/<name>` as a dictionary."""
    text = (DEPLOY / "cloudformation" / name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.load(text, Loader=_TemplateLoader)
    return loaded


def aws_client(service: str, endpoint: str) -> Any:
    """A client of `service` at `endpoint` with dummy credentials."""
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    return session.client(service, endpoint_url=endpoint)
