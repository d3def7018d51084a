"""The OpenAPI document: valid, and in step with the lifecycle vocabulary and the sandbox."""
from __future__ import annotations

import re

import pytest

from endpoint_kit import spec, spec_path


def test_openapi_document_is_valid():
    from openapi_spec_validator import validate

    validate(spec())  # raises with the exact place of any mistake
    assert spec()["openapi"].startswith("3.")


def test_every_operation_of_the_contract_is_there():
    ops = {(method.upper(), path) for path, item in spec()["paths"].items()
           for method in item if method != "parameters"}
    assert ops == {
        ("GET", "/v1/targets"), ("GET", "/v1/port-orders"), ("POST", "/v1/port-orders"),
        ("GET", "/v1/port-orders/{order_id}"), ("POST", "/v1/port-orders/{order_id}/resubmit"),
        ("POST", "/v1/port-orders/{order_id}/cancel"),
        ("POST", "/v1/port-orders/{order_id}/comments"),
    }
    assert spec()["security"] == [{"bearerAuth": []}]
    assert spec()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("path", ["/v1/port-orders", "/v1/port-orders/{order_id}/resubmit"])
def test_create_and_resubmit_require_an_idempotency_key(path):
    op = spec()["paths"][path]["post"]
    refs = [p["$ref"].rsplit("/", 1)[-1] for p in op["parameters"]]
    assert refs == ["IdempotencyKeyRequired"]
    param = spec()["components"]["parameters"]["IdempotencyKeyRequired"]
    assert (param["name"], param["in"], param["required"]) == ("Idempotency-Key", "header", True)
    assert "multipart/form-data" in op["requestBody"]["content"]
    assert {"409", "422", "413"} <= set(op["responses"])


def test_status_vocabulary_is_the_lifecycle_one():
    from portwizard.domain.lifecycle import Status

    assert spec()["components"]["schemas"]["Status"]["enum"] == [s.value for s in Status]


def test_rejection_codes_are_the_lifecycle_ones():
    from portwizard.domain.lifecycle import rejection_reasons

    assert set(spec()["components"]["schemas"]["RejectionCode"]["enum"]) == set(rejection_reasons())


def test_every_rejection_trigger_is_documented_in_the_spec_and_readme():
    """The table in the spec's description names every code the sandbox can produce."""
    from portwizard.endpoint import simulation

    description = spec()["info"]["description"]
    source = spec_path().parent.parent.joinpath("portwizard/endpoint/simulation.py").read_text()
    codes = set(re.findall(r'Trigger\("([a-z_]+)"', source)) | set(
        re.findall(r'\("0\d{3}", "([a-z_]+)"', source))
    assert len(codes) == 15
    documented = set(re.findall(r"\| `([a-z_]+)`", description))
    assert codes <= documented
    assert simulation.NUMBER_PATTERN == (spec()["components"]["schemas"]["OrderDocument"]
                                         ["properties"]["numbers"]["items"]["pattern"])
    readme = spec_path().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
    for code in codes:
        assert f"`{code}`" in readme, f"README does not explain the sandbox trigger for {code}"


def test_the_spec_example_order_is_accepted_and_approved():
    from portwizard.endpoint import simulation
    from portwizard.endpoint.sandbox import DEFAULT_TARGETS

    example = spec()["components"]["schemas"]["OrderDocument"]["example"]
    numbers, findings = simulation.check_document(example, DEFAULT_TARGETS)
    assert findings == [] and numbers == ["+12125550123"]
    assert simulation.find_trigger(example, numbers, {"loa": "loa-signed.pdf"}) is None


def _spec_shape(schema: dict):
    """OrderDocument properties from the spec in simulation.DOCUMENT_SHAPE's notation."""
    if schema.get("type") == "object":
        return {k: _spec_shape(v) for k, v in schema["properties"].items()}
    if schema.get("type") == "array":
        return [_spec_shape(schema["items"])]
    if "enum" in schema:
        return tuple(schema["enum"])
    if schema.get("type") == "boolean":
        return bool
    if "pattern" in schema and "[0-9]{4}-" in schema["pattern"]:
        return "date"
    assert schema["type"] == "string"
    return str


def test_sandbox_document_shape_is_the_spec_one():
    from portwizard.endpoint import simulation

    order_schema = spec()["components"]["schemas"]["OrderDocument"]
    assert _spec_shape(order_schema) == simulation.DOCUMENT_SHAPE
    nullable = {k for k, v in order_schema["properties"].items() if v.get("nullable")}
    assert nullable == simulation.NULLABLE
