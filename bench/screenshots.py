"""Screenshots of every wizard page, at 100% and 200% scale, for the README.

Run:  /work/venv/bin/python bench/screenshots.py [--out resources/screenshots]

It starts itself once per scale (QT_SCALE_FACTOR=1 and 2, offscreen), fills a realistic
fake order (555-01xx numbers, account "123456789") page by page through the real widgets,
against the built-in sandbox on loopback in a temporary home folder, and saves
``wizard-<n>-<step>@1x.png`` / ``@2x.png`` with QWidget.grab() at 900x680. One extra shot
shows inline validation messages (``wizard-account-errors``).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (900, 680)


def _child(out: Path, suffix: str) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "gui"))
    home = Path(tempfile.mkdtemp(prefix="pw-shots-"))
    os.environ["PORTWIZARD_HOME"] = str(home)
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from portwizard import secrets
    from portwizard.flow import Step
    from portwizard.services.app import App
    from portwizard.gui.wizard import PortWizard
    from wizard_kit import choose, click, draw_signature, make_invoice, type_into, widget

    secrets.install_secret_store(secrets.MemorySecretStore())
    services = App.create(home, secrets=secrets.default_secret_store())
    wiz = PortWizard(services=services)
    wiz.ask_close = lambda: "discard"
    wiz.resize(*SIZE)
    wiz.show()

    def wait(cond, ms=15000):
        t = QElapsedTimer()
        t.start()
        while not cond() and t.elapsed() < ms:
            QTest.qWait(20)
        QTest.qWait(20)

    def pump(ms=250):
        QTest.qWait(ms)

    def shot(name: str) -> None:
        pump()
        wiz.grab().save(str(out / f"wizard-{name}@{suffix}.png"))

    def nxt():
        wiz.page_for(wiz.current_step()).binder.flush()
        pump(50)
        wiz.next()
        pump()

    # 1 numbers
    type_into(wiz, Step.NUMBERS, "numbers",
              "(212) 555-0123\n212.555.0124, +1 212 555 0125\n1-800-555-0199\n555-0126")
    click(wiz, Step.NUMBERS, "add_numbers")
    shot("1-numbers")
    page = wiz.page_for(Step.NUMBERS)
    page.remove_at(4)
    page.remove_at(3)
    nxt()
    # 2 carrier
    type_into(wiz, Step.CARRIER, "carrier.name", "Verizon Wireless")
    shot("2-carrier")
    nxt()
    # 3 target
    lst = widget(wiz, Step.TARGET, "target.account_id")
    wait(lambda: lst.count() >= 2)
    wiz.page_for(Step.TARGET).choose(0)
    shot("3-target")
    nxt()
    # 4 account, first with mistakes to show the inline messages
    click(wiz, Step.ACCOUNT, "carrier.account_type=single-line")
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Family Dental Practice of Midtown")
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "212555")
    wiz.page_for(Step.ACCOUNT).binder.flush()
    shot("4-account-errors")
    click(wiz, Step.ACCOUNT, "carrier.account_type=multi-line")
    choose(wiz, Step.ACCOUNT, "carrier.number_type", "business-local")
    type_into(wiz, Step.ACCOUNT, "carrier.customer_name", "Acme Dental")
    type_into(wiz, Step.ACCOUNT, "carrier.authorized_name", "Pat Smith")
    type_into(wiz, Step.ACCOUNT, "carrier.account_number", "123456789")
    type_into(wiz, Step.ACCOUNT, "carrier.btn", "(212) 555-0123")
    type_into(wiz, Step.ACCOUNT, "carrier.pin", "7391")
    shot("4-account")
    nxt()
    # 5 address
    type_into(wiz, Step.ADDRESS, "address_paste", "100 N Main St Suite 200, New York, NY 10001")
    click(wiz, Step.ADDRESS, "split_address")
    shot("5-address")
    nxt()
    # 6 documents
    draw_signature(widget(wiz, Step.DOCUMENTS, "signature"))
    click(wiz, Step.DOCUMENTS, "generate_loa")
    wait(lambda: bool(wiz.order.documents.loa))
    invoice = make_invoice(home / "docs")
    wiz.ask_open_file = lambda *a: str(invoice)
    click(wiz, Step.DOCUMENTS, "choose_invoice")
    docs = wiz.page_for(Step.DOCUMENTS)
    wait(lambda: docs._inspect_handle is not None and docs._inspect_handle.done)
    shot("6-documents")
    nxt()
    # 7 review
    review = wiz.page_for(Step.REVIEW)
    wait(lambda: review.full is not None)
    preview = widget(wiz, Step.REVIEW, "preview")
    wait(lambda: preview.page_count() >= 1)  # the preview reads its file on a worker
    review.binder.flush()
    shot("7-review-contact-missing")
    type_into(wiz, Step.REVIEW, "contact.name", "Pat Smith")
    type_into(wiz, Step.REVIEW, "contact.email", "pat@example.com")
    shot("7-review")
    nxt()
    # 8 submit
    click(wiz, Step.SUBMIT, "submit_order")
    wait(lambda: wiz.submitted_order_id is not None)
    shot("8-submit")
    wiz.hide()
    # the unlock step only appears for providers that lock their numbers
    from portwizard.domain.order import Order

    gv = Order(numbers=["+12125550188"])
    gv.carrier.name = "Google Voice"
    wiz2 = PortWizard(gv, services=services)
    wiz2.ask_close = lambda: "discard"
    wiz2.resize(*SIZE)
    wiz2.show()
    wiz2.goto_step(Step.UNLOCK)
    wiz = wiz2
    type_into(wiz2, Step.UNLOCK, "carrier.pin", "482913")
    shot("2b-unlock")
    wiz2.hide()
    services.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "resources" / "screenshots"))
    parser.add_argument("--child", choices=["1x", "2x"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        _child(out, args.child)
        return 0
    for suffix, factor in (("1x", "1"), ("2x", "2")):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=factor)
        subprocess.run([sys.executable, __file__, "--out", str(out), "--child", suffix],
                       env=env, check=True, timeout=300)
    for png in sorted(out.glob("wizard-*.png")):
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
