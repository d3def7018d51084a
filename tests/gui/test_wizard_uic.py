"""The compiled forms (portwizard/gui/ui/ui_*.py) match forms/*.ui."""
from __future__ import annotations

import importlib

from portwizard.gui import uic


def test_every_form_is_compiled_and_current():
    forms = uic.forms()
    assert len(forms) >= 9
    assert uic.stale() == [], "run: python -m portwizard.gui.uic"
    for form in forms:
        module = importlib.import_module(f"portwizard.gui.ui.ui_{form.stem}")
        assert any(name.startswith("Ui_") for name in vars(module))


def test_check_detects_a_stale_form(tmp_path, monkeypatch):
    form = tmp_path / "forms" / "numbers.ui"
    form.parent.mkdir()
    form.write_text(uic.forms()[0].read_text(encoding="utf-8").replace(
        "<string>", "<string>changed ", 1), encoding="utf-8")
    out = tmp_path / "ui"
    out.mkdir()
    (out / "ui_numbers.py").write_text(uic.compile_form(uic.forms()[0]), encoding="utf-8")
    monkeypatch.setattr(uic, "FORMS", form.parent)
    monkeypatch.setattr(uic, "OUT", out)
    assert uic.stale() == [form]
    uic.compile_all()
    assert uic.stale() == []
