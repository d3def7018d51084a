"""Screenshots of the main window, light and dark, at 100% and 200% scale.

    python bench/screenshots_main_window.py          # writes resources/screenshots/main-*.png

Scenes: the empty window; the orders list with a rejected order's detail; an FOC-confirmed
order's detail; an unfinished order; the fix-and-resubmit wizard with the refused field
highlighted; the settings dialog. Each scale and palette runs in its own process
(QT_SCALE_FACTOR must be set before Qt starts). A throw-away home folder and in-memory
secrets; nothing touches the network (no refresh runs).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"
SIZE = (1200, 720)


def scenes(scale: int, theme: str) -> None:
    home = Path(tempfile.mkdtemp(prefix="pw-shots-"))
    os.environ["PORTWIZARD_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tests" / "gui"))
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest

    from orderkit import valid_order
    from palettes import dark_palette
    from portwizard import secrets
    from portwizard.domain.order import Order
    from portwizard.gui.app import create_application

    secrets.install_secret_store(secrets.MemorySecretStore())
    app = create_application(["portwizard"])
    if theme == "dark":
        app.setPalette(dark_palette())
    from portwizard.gui.dashboard.settings_dialog import SettingsDialog
    from portwizard.gui.dashboard.window import MainWindow
    from portwizard.services.app import App

    services = App.create(home, secrets=secrets.default_secret_store())
    OUT.mkdir(parents=True, exist_ok=True)
    tag = f"-{theme}" if theme != "light" else ""

    def wait(cond, ms=8000):
        timer = QElapsedTimer()
        timer.start()
        while not cond() and timer.elapsed() < ms:
            QTest.qWait(20)
        QTest.qWait(150)

    def shot(widget, name: str) -> None:
        widget.show()
        QTest.qWait(200)
        path = OUT / f"main-{name}{tag}@{scale}x.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT))

    def window():
        win = MainWindow(services, background=False)
        win.resize(*SIZE)
        win.show()
        wait(lambda: win.model.pending() is None or win.model.pending().done)
        return win

    def select(win, order_id):
        wait(lambda: win.model.row_of(order_id) >= 0)
        shown = []
        win.detail.loaded.connect(shown.append)
        win.table.selectRow(win.model.row_of(order_id))
        wait(lambda: order_id in shown)
        win.detail.loaded.disconnect(shown.append)

    win = window()
    shot(win, "empty")
    win.close()

    folder = home / "docs"
    folder.mkdir()

    def sent(name, numbers, status, foc=None, rejection=None, remote=None):
        order = valid_order(folder, number=numbers[0], customer=name)
        order.numbers = numbers
        if len(numbers) > 1:
            order.carrier.account_type = "multi-line"
        order_id = services.store.add_order(order, "sandbox", status="queued")
        services.store.append_history(order_id, "submitted", "endpoint", "accepted")
        fields = {"status": status, "foc_date": foc, "remote_id": remote}
        if rejection:
            fields.update(rejection_code=rejection,
                          rejection_text="End user service address does not match CSR")
            services.store.append_history(order_id, "rejected", "endpoint", "address mismatch")
        if status == "foc_confirmed":
            services.store.append_history(order_id, "pending_carrier", "endpoint", "")
            services.store.append_history(order_id, "foc_confirmed", "endpoint", f"FOC {foc}")
        services.store.update_order(order_id, **fields)
        return order_id

    sent("Main Street Bakery", ["+13125550140"], "completed", foc="2026-11-02", remote="PO-000101")
    rejected = sent("Lopez & Partners Law", ["+12125550160", "+12125550161"], "rejected",
                    rejection="address_mismatch", remote="PO-000102")
    moving = sent("Corner Hardware", ["+16175550170", "+16175550171", "+16175550172"],
                  "foc_confirmed", foc="2026-12-14", remote="PO-000103")
    sent("Harbor Yoga Studio", ["+14155550180"], "pending_carrier", remote="PO-000104")
    draft = Order()
    draft.carrier.customer_name = "Bright Smile Dental"
    draft.numbers = ["+12125550123", "+12125550124", "+12125550125"]
    draft_id = services.store.save_draft(draft, step="address")

    win = window()
    wait(win.banner.isVisible)
    select(win, rejected)
    shot(win, "orders")
    win.banner.hide()
    select(win, moving)
    shot(win, "detail-foc")
    wait(lambda: win.model.row_of(draft_id) >= 0)
    win.table.selectRow(win.model.row_of(draft_id))
    shot(win, "draft")

    select(win, rejected)
    win.fix_and_resubmit(rejected)
    wait(lambda: win.current_wizard() is not None)
    wizard = win.current_wizard()
    wizard.resize(900, 680)
    wait(lambda: bool(wizard.highlighted_fields()))
    shot(wizard, "fix-resubmit")
    wizard.ask_close = lambda: "discard"
    wizard.close()
    win.close()

    dialog = SettingsDialog(services)
    shot(dialog, "settings")
    dialog.close()
    services.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--scene-run":
        scenes(int(sys.argv[2]), sys.argv[3])
    else:
        for factor in (1, 2):
            for theme in ("light", "dark"):
                env = dict(os.environ, QT_SCALE_FACTOR=str(factor),
                           QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
                subprocess.run([sys.executable, __file__, "--scene-run", str(factor), theme],
                               env=env, check=True, timeout=180)
