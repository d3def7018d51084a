"""resources/order.schema.json documents every field of the order document."""
from __future__ import annotations

import json

import pytest
from rulekit import good_order

from portwizard.domain.normalize import normalize_order
from portwizard.domain.order import FORMAT, field_paths, to_dict
from portwizard.paths import resource


def schema():
    return json.loads(resource("order.schema.json").read_text(encoding="utf-8"))


def _node(s, path):
    node = s
    for part in path.split("."):
        props = node.get("properties")
        if props is None:  # nullable object (partial_port)
            props = next(o for o in node["oneOf"] if o.get("type") == "object")["properties"]
        node = props[part]
    return node


def test_every_field_is_described_in_plain_words():
    s = schema()
    assert s["properties"]["format"]["const"] == FORMAT
    for path in field_paths():
        node = _node(s, path)
        assert len(node.get("description", "")) > 15, path


def test_schema_has_no_fields_the_document_lacks():
    s = schema()
    doc = to_dict(good_order())
    assert set(s["properties"]) == set(doc)
    for key, value in doc.items():
        if isinstance(value, dict):
            assert set(_node(s, key)["properties"]) == set(value), key


def test_a_tidied_order_and_an_empty_draft_satisfy_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from portwizard.domain.order import Order, PartialPort

    order = good_order()
    order.partial_port = PartialPort("keep", "(212) 555-0199")
    tidy, _ = normalize_order(order)
    jsonschema.validate(to_dict(tidy), schema())
    jsonschema.validate(to_dict(Order()), schema())
    bad = to_dict(tidy)
    bad["carrier"]["account_type"] = "family plan"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())


def test_one_list_of_document_kinds_and_everyone_agrees_with_it():
    from portwizard import flow
    from portwizard.domain.order import DOCUMENT_KINDS, Documents
    from portwizard.endpoint import simulation

    assert DOCUMENT_KINDS == ("loa", "invoice", "csr") == tuple(vars(Documents()))
    assert tuple(schema()["properties"]["documents"]["properties"]) == DOCUMENT_KINDS
    assert simulation.ATTACHMENT_KINDS == DOCUMENT_KINDS  # the sandbox server's own copy
    assert flow._FIELDS[flow.Step.DOCUMENTS] == tuple(f"documents.{k}" for k in DOCUMENT_KINDS)


def test_each_document_kind_has_one_name_and_its_label():
    from portwizard.domain.order import DOCUMENT_KINDS, DOCUMENT_NAMES, document_name

    assert tuple(DOCUMENT_NAMES) == DOCUMENT_KINDS
    assert [document_name(k) for k in DOCUMENT_KINDS] == [
        "Letter of Authorization", "latest bill", "Customer Service Record"]
    assert document_name("invoice", label=True) == "Latest bill"
    assert document_name("photo") == "photo"  # an unknown kind: as written


def test_every_field_the_wizard_asks_for_has_one_name():
    from portwizard import flow
    from portwizard.domain.fields import FIELD_NAMES, field_name
    from portwizard.domain.order import DOCUMENT_NAMES

    asked = {path for paths in flow._FIELDS.values() for path in paths}
    assert asked <= set(FIELD_NAMES), sorted(asked - set(FIELD_NAMES))
    assert field_name("documents.invoice") == DOCUMENT_NAMES["invoice"]
    assert field_name("numbers[3]") == "phone numbers"
    assert field_name("carrier.some_new_thing") == "some new thing"  # not listed: its own words
