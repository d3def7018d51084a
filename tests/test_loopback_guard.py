"""The suite itself refuses to reach beyond this machine."""
from __future__ import annotations

import socket

import pytest


def test_a_connection_beyond_loopback_is_refused_before_it_is_made():
    with socket.socket() as s, pytest.raises(ConnectionRefusedError, match="loopback"):
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: never reached


def test_loopback_still_works():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
