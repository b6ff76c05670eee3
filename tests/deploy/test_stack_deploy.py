"""Every environment's stacks deploy on a moto server through the deploy tool, and what
they create is what the service expects: its tables' layouts, its settings, a task role
limited to its own resources, and the seed's KPI alarms.

moto's CloudFormation lacks five of the template's resource types (`MOTO_LACKS`); moto
skips them, and they are checked here as data instead (alarms, metric filters) or by the
linters only (scaling, the bucket policy).
"""

from __future__ import annotations

import ast
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from stack_support import REGION, aws_client, load_template

from service.backends import dynamodb_tables as layout
from service.deploy.stacks import (
    ENVIRONMENTS,
    DeployError,
    deploy_environment,
    environment_parameters,
)
from service.deploy.stacks import main as stacks_main

ACCOUNT = "123456789012"
MOTO_LACKS = {
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::CloudWatch::Alarm",
    "AWS::Logs::MetricFilter",
    "AWS::S3::BucketPolicy",
}
# Every action the service's own calls need (service/backends/, the model gateway).
TASK_ACTIONS = {
    "bedrock:InvokeModel",
    "dynamodb:Query",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DescribeTable",
    "s3:PutObject",
    "s3:ListBucket",
    "kms:Decrypt",
    "kms:GenerateDataKey",
}


def account_parameters(endpoint: str) -> dict[str, str]:
    """What an account gives the service stack: network, certificate, secret, registry."""
    ec2 = aws_client("ec2", endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=f"{REGION}{z}")
        for i, z in enumerate("ab")
    ]
    subnet_ids = ",".join(subnet["Subnet"]["SubnetId"] for subnet in subnets)
    certificate = aws_client("acm", endpoint).request_certificate(DomainName="oci.example.com")
    return {
        "ImageUri": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/oci@sha256:{'0' * 64}",
        "VpcId": vpc,
        "VpcCidr": "10.20.0.0/16",
        "LoadBalancerSubnetIds": subnet_ids,
        "TaskSubnetIds": subnet_ids,
        "ClientCidr": "10.0.0.0/8",
        "CertificateArn": certificate["CertificateArn"],
        "AuthSecretArn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:oci-auth-AbCdEf",
        "MlflowTrackingUri": "https://mlflow.internal.example",
    }


@pytest.fixture(scope="module")
def deployed(moto_endpoint: str) -> dict[str, Any]:
    """dev, test and prod, each deployed with its committed parameters; per environment:
    the parameters, both stacks' outputs and the resource types moto skipped."""
    cloudformation = aws_client("cloudformation", moto_endpoint)
    account = account_parameters(moto_endpoint)
    result: dict[str, Any] = {}
    for environment in ENVIRONMENTS:
        parameters = environment_parameters(
            environment, account=ACCOUNT, region=REGION, service_overrides=account
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # moto's word on each type it skips
            storage, service = deploy_environment(cloudformation, parameters)
        created: set[str] = set()
        for stack in ("storage", "service"):
            summaries = cloudformation.list_stack_resources(StackName=f"oci-{environment}-{stack}")[
                "StackResourceSummaries"
            ]
            created |= {s["ResourceType"] for s in summaries if s["LogicalResourceId"]}
        result[environment] = {
            "parameters": parameters,
            "storage": storage,
            "service": service,
            "created": created,
        }
    return result


def template_types() -> set[str]:
    return {
        resource["Type"]
        for name in ("storage.yaml", "service.yaml")
        for resource in load_template(name)["Resources"].values()
    }


def test_every_environment_deploys_and_moto_skips_only_what_it_lacks(
    deployed: dict[str, Any],
) -> None:
    for environment in ENVIRONMENTS:
        outputs = deployed[environment]
        assert set(outputs["storage"]) >= {"SummaryCacheTableArn", "RecordsBucketName"}
        assert outputs["service"]["ServiceUrl"].startswith("https://")
        assert template_types() - outputs["created"] == MOTO_LACKS, environment


def test_the_service_runs_the_image_with_the_stacks_tables_and_secret(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    ecs = aws_client("ecs", moto_endpoint)
    for environment in ENVIRONMENTS:
        storage = deployed[environment]["storage"]
        parameters = deployed[environment]["parameters"].service
        services = ecs.describe_services(
            cluster=f"oci-{environment}", services=[f"oci-{environment}-service"]
        )["services"]
        assert services[0]["desiredCount"] == int(parameters["DesiredCount"])
        family = f"oci-{environment}-service"
        container = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"][
            "containerDefinitions"
        ][0]
        assert container["image"] == parameters["ImageUri"]
        assert (container["user"], container["readonlyRootFilesystem"]) == ("10001:10001", True)
        env = {item["name"]: item["value"] for item in container["environment"]}
        assert env["OCI_BACKEND"] == "aws"
        assert env["OCI_ENVIRONMENT"] == "production"
        assert env["OCI_WORKERS"] == parameters["Workers"]
        assert env["OCI_INTERACTIONS_TABLE"] == storage["InteractionsTableArn"]
        for setting, output in (
            ("OCI_SUMMARY_CACHE_TABLE", "SummaryCacheTableArn"),
            ("OCI_SERVED_REQUESTS_TABLE", "ServedRequestsTableArn"),
            ("OCI_FEEDBACK_TABLE", "FeedbackTableArn"),
        ):
            assert storage[output].endswith(f":table/{env[setting]}")
        assert env["OCI_S3_BUCKET"] == storage["RecordsBucketName"]
        assert "OCI_AUTH_SECRET" not in env  # a secret, never a plain variable
        secrets = {item["name"]: item["valueFrom"] for item in container["secrets"]}
        assert secrets == {"OCI_AUTH_SECRET": parameters["AuthSecretArn"]}
        assert container["healthCheck"]["command"][1:] == ["python", "-m", "service.healthcheck"]


def test_target_groups_route_on_readiness_and_the_rule_starts_on_blue(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    elb = aws_client("elbv2", moto_endpoint)
    balancer = elb.describe_load_balancers(Names=["oci-prod"])["LoadBalancers"][0]
    assert balancer["Scheme"] == "internet-facing"
    listeners = elb.describe_listeners(LoadBalancerArn=balancer["LoadBalancerArn"])["Listeners"]
    assert sorted((item["Port"], item["Protocol"]) for item in listeners) == [
        (443, "HTTPS"),
        (8443, "HTTPS"),
    ]
    production = next(item for item in listeners if item["Port"] == 443)
    rules = elb.describe_rules(ListenerArn=production["ListenerArn"])["Rules"]
    forward = next(rule for rule in rules if not rule["IsDefault"])["Actions"][0]
    weights = sorted(group["Weight"] for group in forward["ForwardConfig"]["TargetGroups"])
    assert weights == [0, 100]
    for group in forward["ForwardConfig"]["TargetGroups"]:
        described = elb.describe_target_groups(TargetGroupArns=[group["TargetGroupArn"]])
        assert described["TargetGroups"][0]["HealthCheckPath"] == "/readyz"


def _policy(document: Any) -> dict[str, Any]:
    if isinstance(document, str):  # moto returns the document as Python's repr of a dict
        parsed: dict[str, Any] = ast.literal_eval(document)
        return parsed
    return dict(document)


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def test_the_task_role_allows_the_services_calls_on_its_own_resources_only(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    iam = aws_client("iam", moto_endpoint)
    outputs = deployed["prod"]
    storage, parameters = outputs["storage"], outputs["parameters"].service
    role = outputs["service"]["TaskRoleArn"].rpartition("/")[2]
    assert iam.list_role_policies(RoleName=role)["PolicyNames"] == ["summary-service"]
    assert iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []
    document = iam.get_role_policy(RoleName=role, PolicyName="summary-service")
    statements = _policy(document["PolicyDocument"])["Statement"]
    actions = {action for s in statements for action in _as_list(s["Action"])}
    resources = {resource for s in statements for resource in _as_list(s["Resource"])}
    assert all(s["Effect"] == "Allow" for s in statements)
    assert actions == TASK_ACTIONS
    assert not any("*" in action for action in actions)
    bucket = storage["RecordsBucketName"]
    record_prefixes = {
        f"arn:aws:s3:::{bucket}/omni-channel/{p}/*" for p in ("processed", "feedback", "requests")
    }
    expected = {
        *parameters["BedrockModelArns"].split(","),
        storage["InteractionsTableArn"],
        storage["SummaryCacheTableArn"],
        storage["ServedRequestsTableArn"],
        storage["ServedRequestsTableArn"] + "/index/by_contact",
        storage["FeedbackTableArn"],
        f"arn:aws:s3:::{bucket}",
        *record_prefixes,
        storage["DataKeyArn"],
    }
    assert resources == expected
    # A wildcard only inside an S3 object prefix, never a whole service or account.
    assert {r for r in resources if "*" in r} == record_prefixes
    assert all(
        f":{ACCOUNT}:" in arn or "::foundation-model/" in arn
        for arn in parameters["BedrockModelArns"].split(",")
    )


def _table_layout(client: Any, name: str) -> dict[str, Any]:
    table = client.describe_table(TableName=name)["Table"]
    return {
        "keys": table["KeySchema"],
        "attributes": sorted(table["AttributeDefinitions"], key=lambda a: a["AttributeName"]),
        "indexes": sorted(
            (index["IndexName"], str(index["KeySchema"]), index["Projection"]["ProjectionType"])
            for index in table.get("GlobalSecondaryIndexes", [])
        ),
        "billing": table.get("BillingModeSummary", {}).get("BillingMode"),
    }


def test_stack_tables_have_the_layout_the_stores_create(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    dynamodb = aws_client("dynamodb", moto_endpoint)
    storage = deployed["dev"]["storage"]
    for output, create in (
        ("InteractionsTableArn", layout.create_interactions_table),
        ("SummaryCacheTableArn", layout.create_summary_cache_table),
        ("ServedRequestsTableArn", layout.create_served_requests_table),
        ("FeedbackTableArn", layout.create_feedback_table),
    ):
        reference = f"layout-{output}"
        create(dynamodb, table_name=reference)
        deployed_name = storage[output].partition(":table/")[2]
        assert _table_layout(dynamodb, deployed_name) == _table_layout(dynamodb, reference)
    # moto does not apply TTL from a template: the template is read for it.
    tables = load_template("storage.yaml")["Resources"]
    assert tables["SummaryCacheTable"]["Properties"]["TimeToLiveSpecification"] == {
        "AttributeName": layout.SUMMARY_CACHE_TTL_ATTRIBUTE,
        "Enabled": True,
    }
    assert tables["ServedRequestsTable"]["Properties"]["TimeToLiveSpecification"] == {
        "AttributeName": layout.SERVED_REQUESTS_TTL_ATTRIBUTE,
        "Enabled": True,
    }
    assert "TimeToLiveSpecification" not in tables["FeedbackTable"]["Properties"]


def test_records_bucket_is_encrypted_with_the_data_key(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    s3 = aws_client("s3", moto_endpoint)
    storage = deployed["prod"]["storage"]
    rules = s3.get_bucket_encryption(Bucket=storage["RecordsBucketName"])[
        "ServerSideEncryptionConfiguration"
    ]["Rules"]
    default = rules[0]["ApplyServerSideEncryptionByDefault"]
    assert default["SSEAlgorithm"] == "aws:kms"
    assert default["KMSMasterKeyID"] == storage["DataKeyArn"]
    # moto applies neither versioning nor lifecycle from a template: they are read there.
    bucket = load_template("storage.yaml")["Resources"]["RecordsBucket"]["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    lifecycle = bucket["LifecycleConfiguration"]["Rules"]
    prefixes = {rule.get("Prefix") for rule in lifecycle}
    assert {f"omni-channel/{p}/" for p in ("processed", "feedback", "requests")} <= prefixes


def test_parameter_files_differ_only_in_sizes_and_retention() -> None:
    files = {
        environment: json.loads(
            (
                Path(__file__).resolve().parents[2]
                / "service/deploy/cloudformation/params"
                / f"{environment}.json"
            ).read_text()
        )
        for environment in ENVIRONMENTS
    }
    keys = {
        environment: (set(doc["storage"]), set(doc["service"]))
        for environment, doc in files.items()
    }
    assert keys["dev"] == keys["test"] == keys["prod"]
    models = {tuple(doc["service"]["BedrockModelArns"]) for doc in files.values()}
    assert len(models) == 1  # the same models are allowed in every account


def test_deploying_again_updates_the_stacks_in_place(
    deployed: dict[str, Any], moto_endpoint: str
) -> None:
    cloudformation = aws_client("cloudformation", moto_endpoint)
    first = deployed["dev"]
    parameters = first["parameters"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        storage, service = deploy_environment(cloudformation, parameters)
    assert (storage, service) == (first["storage"], first["service"])
    stack = cloudformation.describe_stacks(StackName="oci-dev-service")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"


def test_an_unknown_environment_is_refused_by_name() -> None:
    with pytest.raises(DeployError, match="unknown environment 'staging'"):
        environment_parameters("staging", account=ACCOUNT, region=REGION)


def test_the_command_line_deploys_an_environment_and_prints_its_outputs(
    moto_endpoint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in {
        "AWS_ENDPOINT_URL": moto_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    account = account_parameters(moto_endpoint)
    image = account.pop("ImageUri")
    arguments = ["--environment", "test", "--image", image, "--prefix", "cli"]
    for key, value in account.items():
        arguments += ["--set", f"{key}={value}"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stacks_main(arguments)
    printed = json.loads(capsys.readouterr().out)
    assert printed["storage"]["RecordsBucketName"].startswith("cli-test-records-")
    assert printed["service"]["ClusterName"] == "cli-test"
