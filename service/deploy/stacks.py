"""Deploy one environment: the storage stack, then the service stack on its outputs.

    python service/deploy/stacks.py --environment dev --image <repo>@sha256:... \\
        --set VpcId=vpc-... --set VpcCidr=10.0.0.0/16 --set ...   (see docs/deploy.md)

What differs per environment (sizes, retention, bake times, model ARNs) is committed in
`cloudformation/params/<environment>.json`; what differs per account (network, certificate,
secret, registry URL, image) is given with `--set`. `{account}` and `{region}` in a value
are the deploying account's. tests/deploy/ runs `deploy_environment` on a moto server.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, WaiterError

TEMPLATES = Path(__file__).resolve().parent / "cloudformation"
ENVIRONMENTS = ("dev", "test", "prod")
# The service stack's parameters that the storage stack's outputs fill.
STORAGE_OUTPUTS = (
    "DataKeyArn",
    "InteractionsTableArn",
    "SummaryCacheTableArn",
    "ServedRequestsTableArn",
    "FeedbackTableArn",
    "RecordsBucketName",
)


class DeployError(Exception):
    """A stack did not reach a complete state; the message says which and why."""


@dataclass(frozen=True)
class EnvironmentParameters:
    """Parameter values of both stacks for one environment, before storage outputs."""

    storage: dict[str, str]
    service: dict[str, str] = field(default_factory=dict)


def environment_parameters(
    environment: str,
    *,
    account: str,
    region: str,
    storage_overrides: Mapping[str, str] | None = None,
    service_overrides: Mapping[str, str] | None = None,
    prefix: str = "oci",
) -> EnvironmentParameters:
    """The committed parameters of `environment` with the overrides on top.

    Raises:
        DeployError: `environment` has no parameter file.
    """
    if environment not in ENVIRONMENTS:
        raise DeployError(f"unknown environment {environment!r} (one of {', '.join(ENVIRONMENTS)})")
    committed = json.loads((TEMPLATES / "params" / f"{environment}.json").read_text())
    common = {"EnvironmentName": environment, "ResourcePrefix": prefix}

    def resolve(values: Mapping[str, Any]) -> dict[str, str]:
        resolved = {}
        for key, value in values.items():
            text = ",".join(value) if isinstance(value, list) else str(value)
            resolved[key] = text.replace("{account}", account).replace("{region}", region)
        return resolved

    return EnvironmentParameters(
        storage={**common, **resolve(committed["storage"]), **(storage_overrides or {})},
        service={**common, **resolve(committed["service"]), **(service_overrides or {})},
    )


def deploy_stack(
    cloudformation: Any, *, name: str, template: Path, parameters: Mapping[str, str]
) -> dict[str, str]:
    """Create or update stack `name` from `template` and wait; returns its outputs.

    Raises:
        DeployError: The stack ended in a failed or rolled-back state.
    """
    request = {
        "StackName": name,
        "TemplateBody": template.read_text(),
        "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        "Capabilities": ["CAPABILITY_IAM"],
    }
    if _exists(cloudformation, name):
        try:
            cloudformation.update_stack(**request)
        except ClientError as error:
            if "No updates are to be performed" not in str(error):
                raise
        waiter = "stack_update_complete"
    else:
        cloudformation.create_stack(**request, OnFailure="ROLLBACK")
        waiter = "stack_create_complete"
    try:
        cloudformation.get_waiter(waiter).wait(
            StackName=name, WaiterConfig={"Delay": 10, "MaxAttempts": 360}
        )
    except WaiterError as error:
        reasons = _failure_reasons(cloudformation, name)
        raise DeployError(f"stack {name}: {error}; {reasons}") from None
    stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def deploy_environment(
    cloudformation: Any, parameters: EnvironmentParameters
) -> tuple[dict[str, str], dict[str, str]]:
    """Deploy the storage stack, then the service stack with its outputs; both outputs."""
    prefix = parameters.storage["ResourcePrefix"]
    environment = parameters.storage["EnvironmentName"]
    storage = deploy_stack(
        cloudformation,
        name=f"{prefix}-{environment}-storage",
        template=TEMPLATES / "storage.yaml",
        parameters=parameters.storage,
    )
    service_parameters = {**parameters.service, **{k: storage[k] for k in STORAGE_OUTPUTS}}
    service = deploy_stack(
        cloudformation,
        name=f"{prefix}-{environment}-service",
        template=TEMPLATES / "service.yaml",
        parameters=service_parameters,
    )
    return storage, service


def _exists(cloudformation: Any, name: str) -> bool:
    try:
        stacks = cloudformation.describe_stacks(StackName=name)["Stacks"]
    except ClientError:
        return False
    return bool(stacks) and stacks[0]["StackStatus"] != "DELETE_COMPLETE"


def _failure_reasons(cloudformation: Any, name: str) -> str:
    events = cloudformation.describe_stack_events(StackName=name)["StackEvents"]
    failed = [
        f"{event['LogicalResourceId']}: {event.get('ResourceStatusReason', '')}"
        for event in events
        if event["ResourceStatus"].endswith("FAILED")
    ]
    return "; ".join(failed[:5]) or "no resource reported a failure"


def _pairs(values: Sequence[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, equals, text = value.partition("=")
        if not equals or not key:
            raise SystemExit(f"error: {option} {value!r}: expected KEY=VALUE")
        pairs[key] = text
    return pairs


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: deploy one environment with the default AWS credentials chain."""
    import boto3

    parser = argparse.ArgumentParser(description="Deploy the storage and service stacks.")
    parser.add_argument("--environment", required=True, choices=ENVIRONMENTS)
    parser.add_argument("--image", required=True, help="<repository>@sha256:<digest>")
    parser.add_argument("--set", action="append", default=[], help="service KEY=VALUE")
    parser.add_argument("--storage-set", action="append", default=[], help="storage KEY=VALUE")
    parser.add_argument("--prefix", default="oci", help="resource name prefix (default oci)")
    parser.add_argument("--region", help="default: the AWS configuration's region")
    arguments = parser.parse_args(argv)
    storage_overrides = _pairs(arguments.storage_set, "--storage-set")
    service_overrides = {"ImageUri": arguments.image, **_pairs(arguments.set, "--set")}
    session = boto3.session.Session(region_name=arguments.region)
    try:
        account = session.client("sts").get_caller_identity()["Account"]
        parameters = environment_parameters(
            arguments.environment,
            account=account,
            region=session.region_name,
            storage_overrides=storage_overrides,
            service_overrides=service_overrides,
            prefix=arguments.prefix,
        )
        storage, service = deploy_environment(session.client("cloudformation"), parameters)
    except (DeployError, BotoCoreError, ClientError) as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    print(json.dumps({"storage": storage, "service": service}, indent=2))


if __name__ == "__main__":
    main()
