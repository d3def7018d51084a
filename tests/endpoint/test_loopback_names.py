"""Loopback means loopback: a ``*.localhost`` name (or ``localhost`` itself) is resolved and
refused unless every address it resolves to is this computer, and plain http only ever
connects to a real loopback address (127.0.0.0/8, ::1), checked again when it connects.

Name resolution is replaced (``socket.getaddrinfo``) so no test depends on the machine's
resolver; the real resolver is asked only for plain ``localhost``."""
from __future__ import annotations

import ipaddress
import socket

import pytest

from hostile_kit import HostileServer, json_answer
from portwizard.endpoint.client import EndpointClient, check_url, is_loopback_host
from portwizard.endpoint.errors import InsecureURL

REAL_GETADDRINFO = socket.getaddrinfo


def infos(*addresses: str) -> list[tuple]:
    out = []
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (address, 0, 0, 0) if family == socket.AF_INET6 else (address, 0)
        out.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
    return out


@pytest.fixture
def names(monkeypatch):
    """``names["evil.localhost"] = ["203.0.113.5"]``: what a name resolves to (a list of
    lists answers successive look-ups in turn; a missing name does not resolve). Literal
    addresses resolve to themselves. ``names.asked`` lists the names looked up."""
    table: dict[str, list] = {}
    asked: list[str] = []

    def fake(host, port, family=0, type=0, proto=0, flags=0):
        host = str(host)
        asked.append(host)
        try:
            ipaddress.ip_address(host.split("%")[0])
            return REAL_GETADDRINFO(host, port, family, type, proto, flags)
        except ValueError:
            pass
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answer = table[host]
        if answer and isinstance(answer[0], list):  # successive answers
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        return [(f, t, p, c, (sa[0], port or 0, *sa[2:])) for f, t, p, c, sa in infos(*answer)]

    monkeypatch.setattr(socket, "getaddrinfo", fake)

    class Names(dict):
        def __setitem__(self, key, value):
            table[key] = value
            super().__setitem__(key, value)

    result = Names()
    result.asked = asked
    return result


@pytest.mark.parametrize("addresses", [
    ["203.0.113.5"],                 # somewhere on the internet
    ["127.0.0.1", "203.0.113.5"],    # one loopback address is not enough: EVERY one must be
    ["::1", "2001:db8::7"],
    ["10.0.0.8"],
])
def test_a_localhost_name_resolving_elsewhere_is_not_loopback(names, addresses):
    names["evil.localhost"] = addresses
    assert not is_loopback_host("evil.localhost")
    assert "evil.localhost" in names.asked  # it was resolved, not trusted by its suffix
    with pytest.raises(InsecureURL, match="not encrypted"):
        check_url("http://evil.localhost:8080")
    with pytest.raises(InsecureURL):
        EndpointClient("http://evil.localhost:8080", "tok")


def test_a_localhost_name_that_does_not_resolve_is_not_loopback(names):
    assert not is_loopback_host("nowhere.localhost")
    with pytest.raises(InsecureURL):
        check_url("http://nowhere.localhost")


def test_plain_localhost_is_resolved_too(names):
    names["localhost"] = ["192.0.2.44"]  # a tampered hosts file
    assert not is_loopback_host("localhost")
    with pytest.raises(InsecureURL):
        check_url("http://localhost:9")


@pytest.mark.parametrize("addresses", [["127.0.0.1"], ["127.0.0.1", "::1"], ["127.3.4.5"]])
def test_a_localhost_name_resolving_only_to_loopback_is_accepted(names, addresses):
    names["app.localhost"] = addresses
    assert is_loopback_host("app.localhost")
    assert check_url("http://app.localhost:8080/") == "http://app.localhost:8080"


def test_the_real_localhost_is_loopback():
    assert is_loopback_host("localhost")
    assert check_url("http://localhost:9") == "http://localhost:9"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.200.1.1", "::1", "[::1]", "::ffff:127.0.0.1"])
def test_loopback_literals_are_loopback(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "128.0.0.1", "::ffff:10.0.0.1", "169.254.1.1",
                                  "localhost.evil.com", "evil.com", ""])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback_host(host)


@pytest.mark.http
def test_plain_http_checks_the_address_again_when_it_connects(names):
    """A name that resolved to loopback when the address was checked but resolves elsewhere
    when the request is made (DNS rebinding) is refused before anything is sent."""
    with HostileServer(json_answer(200, {"targets": []})) as server:
        port = server.url.rsplit(":", 1)[1]
        names["app.localhost"] = [["127.0.0.1"], ["192.0.2.1"]]
        client = EndpointClient(f"http://app.localhost:{port}", "tok-7c1e", retries=0,
                                timeout=(1.0, 2.0))
        try:
            with pytest.raises(InsecureURL) as err:
                client.list_targets()
        finally:
            client.close()
        assert server.requests == []
    assert "tok-7c1e" not in str(err.value)
    assert "192.0.2.1" in str(err.value) or "this computer" in str(err.value)


@pytest.mark.http
def test_plain_http_to_a_localhost_name_that_stays_loopback_works(names):
    with HostileServer(json_answer(200, {"targets": [{"account_id": "A-1"}]})) as server:
        port = server.url.rsplit(":", 1)[1]
        names["app.localhost"] = ["127.0.0.1"]
        with EndpointClient(f"http://app.localhost:{port}", "tok", retries=0,
                            timeout=(1.0, 2.0)) as client:
            assert client.list_targets() == [{"account_id": "A-1"}]
        assert server.requests == [("GET", "/v1/targets")]
