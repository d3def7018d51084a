"""What keeps the wizard's start-up short (bench/bench_startup.py measures it): the first page
is built and usable without the costly parts of PySide and of the domain, which load after it
is shown."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from portwizard.gui import uic
from portwizard.gui.binding import FieldMessage, set_qt_property

ROOT = Path(__file__).resolve().parents[2]

_FIRST_PAGE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication, QWizard
app = QApplication([])
from portwizard.gui.wizard import PortWizard
w = PortWizard()
w.show()
app.processEvents()
built = sorted(n for n in ("Qt", "QEvent", "QMetaMethod") if n in vars(QtCore))
loaded = sorted(m for m in ("portwizard.domain.validation", "portwizard.domain.carriers",
                            "portwizard.domain.rules", "json", "html", "csv") if m in sys.modules)
print("built:" + ",".join(built))
print("loaded:" + ",".join(loaded))
# the page is usable before the rules have loaded: typing enables Next, adding checks it
from PySide6.QtTest import QTest
page = w.currentPage()
nxt = w.button(QWizard.WizardButton.NextButton)
print("next before:", nxt.isEnabled())
QTest.keyClicks(page.ui.numbers, "212-555-0123")
print("next after typing:", nxt.isEnabled())
page.ui.add_numbers.click()
print("row:", page.ui.numbers_table.item(0, 0).text(), "|", page.ui.numbers_table.item(0, 2).text())
os._exit(0)
"""


def test_first_page_is_usable_without_the_qt_namespace_or_the_rules():
    out = subprocess.run([sys.executable, "-c", _FIRST_PAGE], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    # PySide builds ~165 enum classes for the Qt namespace and ~180 members for QEvent.Type
    # on first access: none of that may happen before the first page is up
    assert lines[0] == "built:", lines
    assert lines[1] == "loaded:", lines
    assert lines[2] == "next before: False"
    assert lines[3] == "next after typing: True"
    assert lines[4] == "row: (212) 555-0123 | OK"


def test_compiled_forms_import_only_what_they_use():
    source = (
        "from PySide6.QtCore import (QCoreApplication, QDate, QMetaObject,\n"
        "    QSize, Qt)\n"
        "from PySide6.QtGui import (QFont, QIcon)\n"
        "from PySide6.QtWidgets import (QLabel, QVBoxLayout, QWidget)\n"
        "\n"
        "class Ui_X(object):\n"
        "    def setupUi(self, X):\n"
        "        self.layout = QVBoxLayout(X)\n"
        "        self.label = QLabel(X)\n"
        "        self.label.setMaximumSize(QSize(10, 10))\n"
        "        QMetaObject.connectSlotsByName(X)\n")
    pruned = uic.prune_imports(source)
    assert pruned.splitlines()[:2] == [
        "from PySide6.QtCore import (QMetaObject, QSize)",
        "from PySide6.QtWidgets import (QLabel, QVBoxLayout)",
    ]
    assert pruned.endswith(source[source.index("\nclass Ui_X"):])
    assert uic.prune_imports(pruned) == pruned
    compile(pruned, "ui_x.py", "exec")
    # the committed first-page form: no Qt namespace, no QtGui
    first = (ROOT / "portwizard/gui/ui/ui_numbers.py").read_text(encoding="utf-8")
    assert "QtGui" not in first and " Qt)" not in first and " Qt," not in first


def test_enum_properties_by_key_name(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    set_qt_property(label, "alignment", "AlignRight|AlignBottom")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
    with pytest.raises(ValueError, match="AlignSideways"):
        set_qt_property(label, "alignment", "AlignSideways")
    message = FieldMessage("carrier.pin")
    qtbot.addWidget(message)
    assert message.textFormat() == Qt.TextFormat.RichText
    assert message.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    assert message.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
