"""Answers that are not what they seem: a success without an order id, HTML instead of JSON,
a redirect, a certificate nobody trusts, a server that trickles one byte at a time, an answer
far too large. None of them may end as "queued, nothing to do, exit 0", and none may hang a
send. Every server here is a tiny hostile one on 127.0.0.1 (tests/hostile_kit.py)."""
from __future__ import annotations

import threading
import time

import pytest

from hostile_kit import (HostileServer, elapsed, flood_answer, json_answer, self_signed_cert,
                         trickle_answer)
from orderkit import FAKE_TOKEN, valid_order
from portwizard import secrets
from portwizard.cli import main
from portwizard.domain.order import dumps
from portwizard.endpoint.client import EndpointClient
from portwizard.endpoint.errors import EndpointError, UnexpectedAnswer, Unavailable
from portwizard.settings import Settings

pytestmark = pytest.mark.http


def submit_with_cli(tmp_path, capsys, memory_secrets, url: str) -> tuple[int, str, str]:
    Settings(endpoint_url=url).save()
    memory_secrets.set(secrets.token_key(url), FAKE_TOKEN)
    order = valid_order(tmp_path)
    path = tmp_path / "order.json"
    path.write_text(dumps(order), "utf-8")
    code = main(["submit", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def stored_orders():
    from portwizard.services.app import App

    app = App.create()
    try:
        orders = app.store.list_orders()
        return [(o, app.store.outbox(o.id)) for o in orders]
    finally:
        app.close()


def assert_visibly_not_sent(code: int, out: str, err: str, words: str) -> None:
    assert code != 0, out
    assert "Traceback" not in err
    assert words in err
    assert "queued" not in out and "Nothing to do" not in out
    [(record, outbox)] = stored_orders()
    assert record.remote_id in (None, "")
    assert record.status != "submitted"
    assert [e.state for e in outbox] == ["blocked"]  # kept (same key), waiting for the user


# --------------------------------------------------------------------------- the CLI


def test_a_success_without_an_order_id_is_not_taken_as_sent(tmp_path, capsys, memory_secrets):
    with HostileServer(json_answer(201, {"status": "submitted", "numbers": []})) as server:
        code, out, err = submit_with_cli(tmp_path, capsys, memory_secrets, server.url)
    assert_visibly_not_sent(code, out, err, "no order number")


def test_a_success_that_is_not_json_is_not_taken_as_sent(tmp_path, capsys, memory_secrets):
    html = b"<html><body>Welcome to the hotel Wi-Fi</body></html>"
    with HostileServer(json_answer(200, html)) as server:
        code, out, err = submit_with_cli(tmp_path, capsys, memory_secrets, server.url)
    assert_visibly_not_sent(code, out, err, "cannot read")


def test_a_success_that_is_not_an_object_is_not_taken_as_sent(tmp_path, capsys, memory_secrets):
    with HostileServer(json_answer(200, ["PO-1"])) as server:
        code, out, err = submit_with_cli(tmp_path, capsys, memory_secrets, server.url)
    assert_visibly_not_sent(code, out, err, "cannot read")


def test_a_redirect_is_not_followed_and_not_taken_as_queued(tmp_path, capsys, memory_secrets):
    answer = json_answer(302, b"", {"Location": "https://login.hotel.example/portal"})
    with HostileServer(answer) as server:
        code, out, err = submit_with_cli(tmp_path, capsys, memory_secrets, server.url)
        assert len(server.requests) == 1  # asked once, never followed
    assert_visibly_not_sent(code, out, err, "redirect")
    assert "login.hotel.example" in err


def test_an_untrusted_certificate_is_not_taken_as_queued(tmp_path, capsys, memory_secrets):
    tls = self_signed_cert(tmp_path / "tls")
    with HostileServer(json_answer(201, {"id": "PO-1", "status": "submitted"}),
                       tls=tls) as server:
        code, out, err = submit_with_cli(tmp_path, capsys, memory_secrets, server.url)
        assert server.requests == []  # nothing (no token, no PIN) went over it
    assert_visibly_not_sent(code, out, err, "certificate")


# --------------------------------------------------------------------------- the client


def client(url: str, **kw) -> EndpointClient:
    kw.setdefault("timeout", (1.0, 2.0))
    kw.setdefault("retries", 1)
    kw.setdefault("backoff_factor", 0.01)
    return EndpointClient(url, FAKE_TOKEN, **kw)


@pytest.mark.parametrize("in_headers", [True, False], ids=["headers", "body"])
def test_a_trickling_server_cannot_hang_a_request(in_headers):
    """One byte every 0.3 s never trips the 2 s read timeout (it is per gap between bytes);
    the overall deadline ends the request."""
    with HostileServer(trickle_answer(0.3, in_headers=in_headers)) as server:
        with client(server.url, deadline=1.5) as c:
            seconds, result = elapsed(lambda: c.get_order("PO-1"))
        assert server.written >= 3  # it was trickling, not silent
    assert isinstance(result, Unavailable), result
    assert "took too long" in str(result)
    assert seconds < 4.0


def test_a_request_ends_at_its_deadline_even_across_retries():
    with HostileServer(trickle_answer(0.2, in_headers=True)) as server:
        with client(server.url, deadline=1.0, retries=3) as c:
            seconds, result = elapsed(lambda: c.list_targets())
    assert isinstance(result, Unavailable), result
    assert seconds < 3.0


def test_abort_all_ends_a_request_in_another_thread_at_once():
    """What the window does when it closes: a send stuck on a trickling provider ends now."""
    from portwizard.endpoint.providers.plumbing import abort_all_requests

    results = []
    with HostileServer(trickle_answer(0.3, in_headers=False)) as server:
        with client(server.url, deadline=60) as c:
            worker = threading.Thread(target=lambda: results.append(
                elapsed(lambda: c.get_order("PO-1"))))
            worker.start()
            time.sleep(0.8)
            assert abort_all_requests() >= 1
            worker.join(timeout=5)
            assert not worker.is_alive()
    seconds, result = results[0]
    assert isinstance(result, Unavailable) and seconds < 3.0


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_an_answer_larger_than_the_cap_is_refused_unread(declare_length):
    total = 256 * 1024 * 1024  # more than loopback's socket buffers can swallow
    with HostileServer(flood_answer(total, declare_length=declare_length)) as server:
        with client(server.url, max_answer_bytes=256 * 1024) as c:
            seconds, result = elapsed(lambda: c.get_order("PO-1"))
        assert isinstance(result, UnexpectedAnswer), result
        assert "too large" in str(result)
        time.sleep(0.2)
        assert server.written < 32 * 1024 * 1024  # the client stopped reading early
    assert seconds < 5.0


def test_an_answer_within_the_cap_is_read():
    state = {"id": "PO-7", "status": "submitted", "numbers": [], "history": []}
    with HostileServer(json_answer(200, state)) as server:
        with client(server.url, max_answer_bytes=4096) as c:
            assert c.get_order("PO-7")["id"] == "PO-7"


def test_a_redirect_names_where_it_pointed_and_is_unexpected():
    answer = json_answer(307, b"", {"Location": "http://127.0.0.1:9/elsewhere"})
    with HostileServer(answer) as server, client(server.url) as c:
        _, result = elapsed(lambda: c.list_targets())
    assert isinstance(result, UnexpectedAnswer) and "redirect" in str(result)
    assert isinstance(result, EndpointError)
