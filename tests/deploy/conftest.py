"""Fixtures for the deployment tests: a moto server on loopback, the templates as data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from moto.server import ThreadedMotoServer

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


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """A moto server (every service it emulates) on a free loopback port."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
