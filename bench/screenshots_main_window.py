"""Screenshots of the main window (and its settings dialog) at 100% and 200% scale.

    python bench/screenshots_main_window.py          # writes resources/screenshots/main-*.png

Each scale runs in its own process because QT_SCALE_FACTOR must be set before Qt starts.
Uses a throw-away home folder and in-memory secrets; nothing touches the network.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"


def scenes(scale: int) -> None:
    os.environ["PORTWIZARD_HOME"] = tempfile.mkdtemp(prefix="pw-shots-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from portwizard import secrets
    from portwizard.domain.order import Order
    from portwizard.gui.app import create_application

    secrets.install_secret_store(secrets.MemorySecretStore())
    app = create_application(["portwizard"])
    from portwizard.gui.main_window import MainWindow, SettingsDialog
    from portwizard.services.app import App

    services = App.create()
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(widget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = OUT / f"main-{name}@{scale}x.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT))

    def window():
        win = MainWindow(services)
        win.resize(960, 640)
        return win

    win = window()
    shot(win, "empty")
    win.close()

    order = Order()
    order.carrier.customer_name = "Bright Smile Dental"
    order.numbers = ["+12125550123", "+12125550124", "+12125550125"]
    services.store.save_draft(order, step="address")
    win = window()
    shot(win, "draft")
    win.close()

    def sent(name, numbers, status, foc=None, rejection=None):
        o = Order()
        o.carrier.customer_name = name
        o.numbers = numbers
        order_id = services.store.add_order(o, "sandbox", status=status)
        fields = {"foc_date": foc}
        if rejection:
            fields.update(rejection_code=rejection, rejection_text="Service address does not match")
        services.store.update_order(order_id, **fields)

    sent("Main Street Bakery", ["+13125550140"], "completed", foc="2026-11-02")
    sent("Lopez & Partners Law", ["+12125550160", "+12125550161"], "rejected",
         rejection="address_mismatch")
    sent("Corner Hardware", ["+16175550170", "+16175550171", "+16175550172", "+16175550173"],
         "foc_confirmed", foc="2026-12-07")
    sent("Harbor Yoga Studio", ["+14155550180"], "pending_carrier")
    sent("Sunrise Florist", ["+18005550190"], "queued")
    win = window()
    win.orders_table.selectRow(1)
    shot(win, "orders")
    win.close()

    dialog = SettingsDialog(services)
    shot(dialog, "settings")
    dialog.close()
    services.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--scene-run":
        scenes(int(sys.argv[2]))
    else:
        for factor in (1, 2):
            env = dict(os.environ, QT_SCALE_FACTOR=str(factor),
                       QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
            subprocess.run([sys.executable, __file__, "--scene-run", str(factor)], env=env,
                           check=True, timeout=120)
