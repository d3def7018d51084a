"""The HTTP client: auth errors, refused insecure addresses, retries against injected faults."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid

import pytest

from endpoint_kit import order_doc
from portwizard.endpoint import (
    SANDBOX_TOKEN, AuthError, EndpointError, InsecureURL, Unavailable,
)
from portwizard.endpoint.client import EndpointClient, check_url, is_loopback_host

WRONG_TOKEN = "tok-wrong-8c1f3e"


# ------------------------------------------------------------------------------ auth


@pytest.mark.http
def test_wrong_token_gives_a_clear_auth_error_without_the_token(sandbox, make_client):
    client = make_client(sandbox, token=WRONG_TOKEN)
    with pytest.raises(AuthError) as err:
        client.list_targets()
    message = str(err.value)
    assert message.startswith("The provider did not accept the access token.")
    assert "Settings" in message
    assert WRONG_TOKEN not in message and WRONG_TOKEN not in repr(err.value)
    assert err.value.status == 401 and err.value.code == "token_invalid"
    assert err.value.retryable is False


@pytest.mark.http
@pytest.mark.parametrize("token", [None, ""])
def test_missing_token_says_so(sandbox, make_client, token):
    client = make_client(sandbox, token=token)
    with pytest.raises(AuthError) as err:
        client.list_orders()
    assert str(err.value).startswith("No access token is set for the provider")
    assert err.value.code == "token_missing"


@pytest.mark.http
def test_sandbox_with_its_own_token_refuses_the_demo_token(start_sandbox, make_client):
    sandbox = start_sandbox(token="tok-private-1")
    with pytest.raises(AuthError):
        make_client(sandbox, token=SANDBOX_TOKEN).list_targets()
    assert make_client(sandbox, token="tok-private-1").list_targets()


@pytest.mark.http
def test_auth_is_checked_before_anything_is_created(sandbox, make_client, files):
    with pytest.raises(AuthError):
        make_client(sandbox, token=WRONG_TOKEN).create_order(order_doc(), files, "k-1")
    assert sandbox.created_count() == 0


# ------------------------------------------------------------------------------ addresses


@pytest.mark.parametrize("url", [
    "http://example.com", "http://10.0.0.5:8080/api", "http://porting.provider.test",
    "http://[2001:db8::1]/", "http://localhost.evil.com"])
def test_plain_http_to_another_computer_is_refused(url):
    with pytest.raises(InsecureURL) as err:
        EndpointClient(url, SANDBOX_TOKEN)
    assert "https://" in str(err.value)
    assert SANDBOX_TOKEN not in str(err.value)


@pytest.mark.parametrize("url", ["ftp://example.com", "example.com", "", "https://", "file:///x"])
def test_non_web_addresses_are_refused(url):
    with pytest.raises(InsecureURL) as err:
        check_url(url)
    assert "not a web address" in str(err.value)


@pytest.mark.parametrize("url,expected", [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
    ("http://127.10.0.3", "http://127.10.0.3"),
    ("http://localhost:9", "http://localhost:9"),
    ("http://[::1]:9", "http://[::1]:9"),
    ("https://porting.example.com/api/", "https://porting.example.com/api"),
])
def test_https_and_loopback_http_are_accepted(url, expected):
    assert check_url(url) == expected


def test_loopback_detection():
    assert is_loopback_host("127.0.0.1") and is_loopback_host("127.255.0.9")
    assert is_loopback_host("::1") and is_loopback_host("[::1]") and is_loopback_host("LOCALHOST")
    assert not is_loopback_host("128.0.0.1") and not is_loopback_host("localhost.evil.com")
    assert not is_loopback_host("::2") and not is_loopback_host("")


def test_tls_verification_is_always_on():
    client = EndpointClient("https://porting.example.com", "t")
    try:
        assert client._session.verify is True
    finally:
        client.close()


def test_requests_is_not_imported_until_a_client_is_made():
    code = ("import sys, portwizard.endpoint, portwizard.endpoint.client, "
            "portwizard.endpoint.errors; print('requests' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------------------ faults


@pytest.mark.http
def test_nobody_listening_is_unavailable_and_retryable(make_client):
    with socket.socket() as s:  # a port that was free a moment ago and has no server
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = make_client(f"http://127.0.0.1:{port}", retries=1)
    started = time.monotonic()
    with pytest.raises(Unavailable) as err:
        client.list_targets()
    assert time.monotonic() - started < 5
    assert err.value.retryable is True
    assert "did not answer" in str(err.value)


@pytest.mark.http
def test_429_retry_after_is_honoured_then_reported(start_sandbox, make_client):
    sandbox = start_sandbox(fault_rate=1.0, fault_kinds=("429",))
    client = make_client(sandbox, retries=1)
    started = time.monotonic()
    with pytest.raises(Unavailable) as err:
        client.list_targets()
    elapsed = time.monotonic() - started
    assert elapsed >= 0.9, f"Retry-After: 1 was not honoured (retried after {elapsed:.2f} s)"
    assert sandbox.requests_seen == 2  # first try + one retry
    assert err.value.status == 429 and "busy" in str(err.value)


@pytest.mark.http
def test_server_errors_are_retried_until_an_answer(start_sandbox, make_client):
    sandbox = start_sandbox(fault_rate=0.5, fault_kinds=("500", "503", "drop_before"),
                            fault_seed=3)
    client = make_client(sandbox, retries=6)
    for _ in range(10):
        assert len(client.list_targets()) == 3
    assert sandbox.requests_seen > 10  # some answers were faults and got retried
    assert sum(sandbox.faults_injected.values()) == sandbox.requests_seen - 10


@pytest.mark.http
def test_the_sandbox_counts_answers_apart_from_requests(start_sandbox, make_client):
    """A dropped connection is a request received and never answered (bench/api_bench.py
    reports answers, not requests)."""
    sandbox = start_sandbox(fault_rate=0.5, fault_kinds=("500", "drop_before", "drop_after"),
                            fault_seed=3)
    client = make_client(sandbox, retries=8)
    for _ in range(10):
        assert len(client.list_targets()) == 3
    dropped = sandbox.faults_injected["drop_before"] + sandbox.faults_injected["drop_after"]
    assert dropped > 0 and sandbox.faults_injected["500"] > 0
    assert sandbox.answers_sent == sandbox.requests_seen - dropped


@pytest.mark.http
def test_accepted_but_timed_out_is_resolved_by_the_key(start_sandbox, make_client, files):
    # Every answer comes too late: the order IS created, but the client never hears of it.
    sandbox = start_sandbox(fault_rate=1.0, fault_kinds=("slow",), fault_delay=1.0)
    client = make_client(sandbox, timeout=(0.5, 0.3), retries=0)
    k = str(uuid.uuid4())
    with pytest.raises(Unavailable):
        client.create_order(order_doc(), files, k)
    assert sandbox.created_count() == 1
    sandbox.fault_rate = 0.0  # the network is fine again: send the same request once more
    state = client.create_order(order_doc(), files, k)
    assert sandbox.created_count() == 1
    assert [o["id"] for o in client.list_orders()] == [state["id"]]


@pytest.mark.http
def test_dropped_connection_after_the_work_is_retried_safely(start_sandbox, make_client, files):
    sandbox = start_sandbox(fault_rate=1.0, fault_kinds=("drop_after",))
    client = make_client(sandbox, retries=2)
    with pytest.raises(Unavailable):
        client.create_order(order_doc(), files, "key-drop-1")
    assert sandbox.requests_seen == 3  # urllib3 retried the POST (the key makes it safe) ...
    assert sandbox.created_count() == 1  # ... and the sandbox filed it once


@pytest.mark.http
def test_orders_under_30_percent_faults_arrive_exactly_once(start_sandbox, make_client, files):
    sandbox = start_sandbox(fault_rate=0.3, fault_delay=0.8, fault_seed=11)
    client = make_client(sandbox, timeout=(0.5, 0.4), retries=4)
    count = 30
    ids = []
    for i in range(count):
        doc = order_doc(numbers=[f"+1212555{1000 + i:04d}"])
        k = f"order-{i}"
        for attempt in range(6):  # what the outbox does: same key, again later
            try:
                ids.append(client.create_order(doc, files, k)["id"])
                break
            except Unavailable:
                continue
        else:
            pytest.fail(f"order {i} never got through")
    assert len(set(ids)) == count
    assert sandbox.created_count() == count
    assert sum(sandbox.faults_injected.values()) >= 5
    assert sandbox.faults_injected["slow"] + sandbox.faults_injected["drop_after"] >= 1


def test_error_classes_say_what_is_retryable():
    assert Unavailable("x").retryable is True
    for cls in (AuthError, InsecureURL, EndpointError):
        assert cls("x").retryable is False


@pytest.mark.http
def test_netrc_and_proxy_settings_cannot_replace_the_token(sandbox, make_client, tmp_path,
                                                          monkeypatch):
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login someone password other-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    client = make_client(sandbox, retries=0)
    assert len(client.list_targets()) == 3  # Bearer token used, proxy bypassed for loopback
    assert "sandbox-demo-token" not in repr(client._session.auth)


@pytest.fixture
def self_signed_https_server(tmp_path):
    """An https server on 127.0.0.1 with a certificate nobody trusts."""
    import shutil
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("Authorization"))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.http
def test_untrusted_certificate_is_refused_and_the_token_not_sent(self_signed_https_server,
                                                                 make_client):
    url, seen = self_signed_https_server
    client = make_client(url, token="tok-secret-77", retries=2)
    with pytest.raises(EndpointError) as err:
        client.list_targets()
    assert "could not be verified" in str(err.value)
    assert not isinstance(err.value, Unavailable)  # not retried later as if it were an outage
    assert seen == []  # the request (and its token) never reached the server


@pytest.mark.http
def test_sandbox_on_ipv6_loopback_with_an_in_memory_database(start_sandbox, make_client):
    from portwizard.endpoint.sandbox import Sandbox

    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    sandbox = Sandbox(None, host="::1")
    try:
        try:
            url = sandbox.start()
        except OSError:
            pytest.skip("::1 is not configured here")
        assert url.startswith("http://[::1]:")
        assert len(make_client(url).list_targets()) == 3
    finally:
        sandbox.stop()


@pytest.mark.http
def test_a_long_retry_after_is_left_to_the_outbox(start_sandbox, make_client):
    sandbox = start_sandbox(fault_rate=1.0, fault_kinds=("503",), fault_retry_after=3600)
    client = make_client(sandbox, retries=3)
    started = time.monotonic()
    with pytest.raises(Unavailable) as err:
        client.list_targets()
    assert time.monotonic() - started < 3  # did not sit there for an hour
    assert sandbox.requests_seen == 1 and err.value.status == 503
