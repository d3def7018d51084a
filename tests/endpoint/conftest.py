"""Fixtures for the endpoint tests: sandboxes on 127.0.0.1 that always stop, and clients."""
from __future__ import annotations

import pytest

from portwizard.endpoint import SANDBOX_TOKEN


@pytest.fixture
def start_sandbox(tmp_path):
    """``start_sandbox(**Sandbox kwargs)`` -> a running sandbox, stopped after the test."""
    from portwizard.endpoint.sandbox import Sandbox

    started = []

    def _start(**kwargs):
        kwargs.setdefault("seconds_per_day", 0.2)
        sandbox = Sandbox(tmp_path / f"sandbox-{len(started)}.db", **kwargs)
        started.append(sandbox)
        sandbox.start()
        return sandbox

    yield _start
    for sandbox in started:
        sandbox.stop(timeout=5)


@pytest.fixture
def sandbox(start_sandbox):
    return start_sandbox()


@pytest.fixture
def make_client():
    """``make_client(sandbox_or_url, token=SANDBOX_TOKEN, **EndpointClient kwargs)``."""
    from portwizard.endpoint.client import EndpointClient

    clients = []

    def _make(target, token=SANDBOX_TOKEN, **kwargs):
        kwargs.setdefault("timeout", (1.0, 5.0))
        kwargs.setdefault("retries", 2)
        kwargs.setdefault("backoff_factor", 0.01)
        url = target if isinstance(target, str) else target.url
        client = EndpointClient(url, token, **kwargs)
        clients.append(client)
        return client

    yield _make
    for client in clients:
        client.close()


@pytest.fixture
def client(sandbox, make_client):
    return make_client(sandbox)


@pytest.fixture
def files(tmp_path):
    from endpoint_kit import write_pdf

    return {"loa": write_pdf(tmp_path / "docs", "loa-signed.pdf"),
            "invoice": write_pdf(tmp_path / "docs", "invoice.pdf")}
