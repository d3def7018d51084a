"""The sandbox's request routing: from a method, a path, headers and a body to a command on
:class:`~portwizard.endpoint.sandbox_state.SandboxState` and its answer.

Here are the rules ``resources/openapi.yaml`` sets on a request before it reaches the
provider's books: which addresses exist and which methods they take (404/405), the bearer
token (401), the Idempotency-Key header, the multipart order body and the JSON comment body.
No sockets: :mod:`portwizard.endpoint.sandbox_http` reads the request off the wire and writes
the answer back.
"""
from __future__ import annotations

import email.parser
import email.policy
import hmac
import json
import re
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from portwizard.endpoint import simulation as sim
from portwizard.endpoint.sandbox_state import ApiError

if TYPE_CHECKING:
    from portwizard.endpoint.sandbox import Sandbox

MAX_COMMENT_CHARS = 2000
_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # same rule as the spec's Idempotency-Key


def route(sandbox: "Sandbox", method: str, target: str, headers: Message,
          body: bytes) -> tuple[int, Any, dict[str, str]]:
    """Carry out one request (``target`` is the request line's path and query) and return
    the answer's status, JSON payload and extra headers; a refusal raises :class:`ApiError`."""
    path = urlsplit(target).path
    parts = [unquote(p) for p in path.strip("/").split("/")] if path.strip("/") else []
    if len(parts) < 2 or parts[0] != "v1" or parts[1] not in ("targets", "port-orders"):
        raise ApiError(404, "not_found", "There is no such address in the porting API.")
    name, allowed = _match(parts)
    if name is None:
        raise ApiError(404, "not_found", "There is no such address in the porting API.")
    if method not in allowed:
        raise ApiError(405, "method_not_allowed",
                       f"{method} is not possible here; use {', '.join(allowed)}.",
                       headers={"Allow": ", ".join(allowed)})
    _auth(headers, sandbox.token)
    state = sandbox.state
    if name == "targets":
        return 200, {"targets": state.targets()}, {}
    if name == "orders" and method == "GET":
        return 200, {"orders": state.list()}, {}
    if name == "orders":
        key = _idempotency_key(headers, required=True)
        doc, files = _parse_order_body(headers, body)
        status, data = state.create(key, doc, files)
        answer_headers = {"Location": f"/v1/port-orders/{data['id']}"}
        if status == 200:
            answer_headers["Idempotent-Replayed"] = "true"
        return status, data, answer_headers
    order_id = parts[2]
    if name == "order":
        return 200, state.get(order_id), {}
    if name == "resubmit":
        key = _idempotency_key(headers, required=True)
        state.get(order_id)  # 404 before parsing the body
        doc, files = _parse_order_body(headers, body)
        replayed, data = state.resubmit(order_id, key, doc, files)
        return 200, data, ({"Idempotent-Replayed": "true"} if replayed else {})
    if name == "cancel":
        return 200, state.cancel(order_id, _idempotency_key(headers, required=False)), {}
    if name == "comments":
        text = _comment_text(headers, body)
        return (*state.comment(order_id, _idempotency_key(headers, required=False), text), {})
    raise ApiError(404, "not_found", "There is no such address in the porting API.")


def _match(parts: list[str]):
    n = len(parts)
    if parts[1] == "targets":
        return ("targets", ("GET",)) if n == 2 else (None, ())
    if n == 2:
        return "orders", ("GET", "POST")
    if n == 3 and parts[2]:
        return "order", ("GET",)
    if n == 4 and parts[2] and parts[3] in ("resubmit", "cancel", "comments"):
        return parts[3], ("POST",)
    return None, ()


def _auth(headers: Message, expected: str) -> None:
    header = headers.get("Authorization") or ""
    if not header.strip():
        raise ApiError(401, "token_missing",
                       "No access token was sent. Send 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": 'Bearer realm="portwizard-sandbox"'})
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode("utf-8", "replace"), expected.encode("utf-8")):
        raise ApiError(401, "token_invalid", "The access token was not accepted.",
                       headers={"WWW-Authenticate":
                                'Bearer realm="portwizard-sandbox", error="invalid_token"'})


def _idempotency_key(headers: Message, required: bool) -> str | None:
    key = headers.get("Idempotency-Key")
    if key is None:
        if required:
            raise ApiError(400, "idempotency_key_missing",
                           "Send an Idempotency-Key header (a new random id per order) so "
                           "a repeated request never files the order twice.")
        return None
    if not _KEY_RE.match(key):
        raise ApiError(400, "idempotency_key_invalid",
                       "The Idempotency-Key must be 1 to 255 visible ASCII characters "
                       "(no spaces), e.g. a UUID.")
    return key


def _parse_order_body(headers: Message, body: bytes):
    ctype = headers.get("Content-Type") or ""
    if not ctype.lower().startswith("multipart/form-data"):
        raise ApiError(415, "unsupported_media_type",
                       "Send the order as multipart/form-data: an 'order' part with the "
                       "JSON document and one part per PDF file (loa, invoice, csr).")
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + ctype.encode("latin-1", "replace") + b"\r\n\r\n" + body)
    if not msg.is_multipart():
        raise ApiError(400, "bad_multipart", "The multipart body could not be read.")
    doc: Any = None
    seen_order = False
    files: dict[str, tuple[str, bytes]] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        content = part.get_payload(decode=True) or b""
        if name == "order":
            seen_order = True
            try:
                doc = json.loads(content.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise ApiError(422, "order_not_json",
                               "The 'order' part is not a JSON order document.",
                               [{"field": "", "code": "order_not_json",
                                 "message": "The order is not valid JSON."}]) from None
        else:
            filename = part.get_filename() or f"{name}.pdf"
            files[name] = (Path(filename).name[:200], content)
    if not seen_order:
        raise ApiError(422, "order_missing",
                       "The request has no 'order' part with the order document.",
                       [{"field": "", "code": "order_missing",
                         "message": "The order document is missing."}])
    return doc, files


def _comment_text(headers: Message, body: bytes) -> str:
    ctype = (headers.get("Content-Type") or "").lower()
    if not ctype.startswith("application/json"):
        raise ApiError(415, "unsupported_media_type",
                       "Send the comment as JSON: {\"text\": \"...\"}.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or sim.is_blank(text):
        raise ApiError(422, "comment_empty", "Write the comment text first.",
                       [{"field": "text", "code": "required",
                         "message": "The comment is empty."}])
    if len(text) > MAX_COMMENT_CHARS:
        raise ApiError(422, "comment_too_long",
                       f"A comment can have at most {MAX_COMMENT_CHARS} characters.",
                       [{"field": "text", "code": "too_long",
                         "message": "The comment is too long."}])
    return text.strip(sim.BLANK_CHARS)
