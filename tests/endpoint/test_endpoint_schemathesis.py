"""A bounded schemathesis run against a live sandbox: the server keeps to its OpenAPI contract
(status codes, content types, response schemas, headers, auth, undeclared methods) for
generated requests. The longer run is ``python bench/api_fuzz.py``.

schemathesis is in the ``test`` extra, so CI runs this."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.http, pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("schemathesis") is None,
                       reason="schemathesis is not installed (pip install -e '.[test]')"),
]

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


@pytest.mark.timeout(180)
def test_sandbox_keeps_to_the_openapi_contract(start_sandbox):
    from api_fuzz import run_schemathesis

    sandbox = start_sandbox(seconds_per_day=0.5)
    result = run_schemathesis(sandbox.url, sandbox.token, max_examples=3, max_time=15, seed=7)
    summary = "\n".join(result.stdout.splitlines()[-60:])
    assert result.returncode == 0, summary
    assert " passed" in summary and "failed" not in summary.split("SUMMARY")[-1]
    assert sandbox.requests_seen > 50, summary  # it really exercised the server
