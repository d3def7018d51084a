"""Step 1: the numbers to move. Paste many, import a CSV, see each one checked.

When the chosen provider can say whether it takes a number before an order exists (its
profile's ``checks_portability``: Telnyx, Twilio), every valid number added is sent to its
portability check on a worker (``wizard.services.check_portability``), and the Portability
column says per number: portable, portable fast (FastPort), or not portable with the
provider's reason. A refused number is an error of the order (the wizard puts the answers
into the validation context). No answer (offline, no credential yet) says "could not be
checked now" quietly and blocks nothing; entering the page again asks once more.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from portwizard import flow
from portwizard.domain.findings import Finding, Severity, by_severity
from portwizard.gui import theme
from portwizard.gui.binding import FieldMessage, finding_text, set_qt_property
from portwizard.gui.pages.base import StepPage, alive
from portwizard.gui.ui.ui_numbers import Ui_NumbersPage

MAX_CSV_BYTES = 5 * 2**20
COLUMNS = ["Number", "Kind", "Check", "Portability", ""]
PORTABILITY_COLUMN, REMOVE_COLUMN = 3, 4
PORTABILITY_MAX_WIDTH = 240  # px; longer reasons wrap
CHECKING = "Checking…"
NOT_CHECKED = "Could not be checked now"


def parse_number(text):
    from portwizard.domain.phone import parse_number as parse  # phonenumbers: not at start-up

    return parse(text)


def split_number_list(text):
    from portwizard.domain.phone import split_number_list as split

    return split(text)


def read_csv_numbers(path: str) -> list[str]:
    """The numbers in a list or CSV file (runs in a worker thread): the same column and rows
    as ``portwizard validate --numbers`` picks; a cell holding several numbers gives each."""
    from portwizard.domain.numberlist import read_number_list

    data = Path(path).read_bytes()[:MAX_CSV_BYTES]
    return [piece for _line, cell in read_number_list(data) for piece in split_number_list(cell)
            if any(ch.isdigit() for ch in piece)]  # "call back", "n/a": notes, not numbers


class NumbersPage(StepPage):
    step = flow.Step.NUMBERS
    ui_class = Ui_NumbersPage

    def setup(self) -> None:
        ui = self.ui
        ui.numbers.setObjectName("numbers")
        table = ui.numbers_table
        table.setObjectName("numbers_table")
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PORTABILITY_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REMOVE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        table.setColumnHidden(PORTABILITY_COLUMN, True)  # until a provider can answer
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        self.list_message = FieldMessage("numbers.list", self)
        ui.page_layout.insertWidget(ui.page_layout.indexOf(table) + 1, self.list_message)
        self.list_message.hide()
        ui.add_numbers.clicked.connect(self.add_from_box)
        ui.import_csv.clicked.connect(self.import_csv)
        add = QShortcut(QKeySequence("Ctrl+Return"), ui.numbers, self.add_from_box)
        set_qt_property(add, "context", "WidgetShortcut")
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table, self.remove_selected)
        set_qt_property(remove, "context", "WidgetShortcut")
        ui.numbers.textChanged.connect(self._box_changed)
        self.findings: list[Finding] = []
        self.vanity: dict[str, str] = {}  # number -> the letters the user typed (this session)
        self._import_handle = None
        #: the running portability check (tests wait on its ``finished``)
        self.portability_handle = None
        self._asking: set[tuple[str, str]] = set()  # (provider, E.164) being checked now
        self._unanswered: dict[tuple[str, str], str] = {}  # no answer during this visit

    # ------------------------------------------------------------------ adding and removing
    def add_texts(self, pieces: list[str]) -> int:
        order = self.wiz.order
        added = 0
        for piece in pieces:
            parsed = parse_number(piece)
            order.numbers.append(parsed.e164 if parsed.ok else piece.strip())
            if parsed.ok and parsed.vanity_converted:
                self.vanity[parsed.e164] = piece.strip()
            added += 1
        if added:
            self.changed()
        return added

    def add_from_box(self) -> None:
        text = self.ui.numbers.toPlainText()
        pieces = split_number_list(text)
        if pieces:
            self.add_texts(pieces)
            self.ui.numbers.clear()
        self.refresh()

    def remove_at(self, index: int) -> None:
        numbers = self.wiz.order.numbers
        if 0 <= index < len(numbers):
            del numbers[index]
            self.changed()
            self.refresh()
            if numbers:
                self.ui.numbers_table.setFocus()
                self.ui.numbers_table.selectRow(min(index, len(numbers) - 1))

    def remove_selected(self) -> None:
        rows = self.ui.numbers_table.selectionModel().selectedRows()
        if rows:
            self.remove_at(rows[0].row())

    def import_csv(self) -> None:
        path = self.wiz.ask_open_file("Import numbers from a CSV file",
                                      "CSV files (*.csv *.txt);;All files (*)")
        if not path:
            return
        from portwizard.gui.workers import run_task

        self.ui.numbers_summary.setText("Reading the file…")
        self._import_handle = run_task(read_csv_numbers, path, on_result=self._imported,
                                       on_error=self._import_failed)

    @alive
    def _imported(self, pieces: list[str]) -> None:
        added = self.add_texts(pieces)
        self.refresh()
        if not added:
            self.ui.numbers_summary.setText(
                "No phone numbers were found in that file. Check that it has a column of "
                "10-digit numbers, then try again.")

    @alive
    def _import_failed(self, exc: BaseException) -> None:
        self.ui.numbers_summary.setText(
            f"The file could not be read ({type(exc).__name__}). Save it as CSV from your "
            "spreadsheet program and try again.")

    # ------------------------------------------------------------------ showing
    def on_enter(self) -> None:
        self._unanswered.clear()  # ask again about what could not be checked before
        self.refresh()

    def _box_changed(self) -> None:
        # Typed or pasted but not yet added is still the user's work: closing must ask about
        # it and the close path adds it to the order (see PortWizard.take_typed_input).
        self.wiz.mark_changed()
        self.refresh_complete()

    def extra_complete(self) -> bool:
        return True

    def compute_complete(self) -> bool:
        if not self.wiz.order.numbers and self.ui.numbers.toPlainText().strip():
            return True  # Next adds what was typed, then checks it
        return super().compute_complete()

    def before_leave(self) -> None:
        if self.ui.numbers.toPlainText().strip():
            self.add_from_box()

    def validatePage(self) -> bool:
        ok = super().validatePage()
        if not ok:
            self.refresh(reveal=True)
        return ok

    def refresh(self, reveal: bool = False) -> None:
        # first used once the page is up (see set_qt_property)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem, QToolButton

        from portwizard.domain.validation import validate_field

        order = self.wiz.order
        self.findings = validate_field(order, "numbers", self.context())
        per_item: dict[int, list[Finding]] = {}
        whole: list[Finding] = []
        for f in self.findings:
            if f.field.startswith("numbers["):
                try:
                    idx = int(f.field[len("numbers["):].split("]", 1)[0])
                except ValueError:
                    continue
                per_item.setdefault(idx, []).append(f)
            else:
                whole.append(f)
        table = self.ui.numbers_table
        table.setRowCount(len(order.numbers))
        profile = self.context().provider
        checks = profile.checks_portability and self.wiz.services is not None
        table.setColumnHidden(PORTABILITY_COLUMN, not checks)
        if checks:
            table.horizontalHeaderItem(PORTABILITY_COLUMN).setText(f"{profile.name} says")
        counts = {"ok": 0, "problem": 0}
        for row, number in enumerate(order.numbers):
            parsed = parse_number(number)
            display = parsed.display if parsed.ok else number
            kind = {"toll-free": "Toll-free", "local": "Local"}.get(parsed.kind or "", "—")
            items = by_severity(per_item.get(row, []))
            if items:
                status, sev = finding_text(items[0]), items[0].severity
            elif parsed.ok:
                status = "OK"
                sev = None
                if parsed.vanity_converted or number in self.vanity:
                    status = f"OK — letters converted to digits ({self.vanity.get(number, number)})"
            else:
                status = f"{parsed.error_message or 'Not a phone number.'} {parsed.fix}".strip()
                sev = Severity.ERROR
            counts["problem" if sev is Severity.ERROR else "ok"] += 1
            answer, tone, why = (self._portability_cell(profile.key, parsed.e164)
                                 if checks and parsed.ok else ("", None, ""))
            cells = [display, kind, status, answer]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if col == 2 and sev is not None:
                    item.setForeground(theme.tone_color(sev.value))
                    item.setToolTip(text)
                if col == PORTABILITY_COLUMN and tone is not None:
                    item.setForeground(theme.tone_color(tone))
                    item.setToolTip(why or text)
                table.setItem(row, col, item)
            button = QToolButton(table)
            button.setText("Remove")
            button.setObjectName(f"numbers[{row}].remove")
            button.setAccessibleName(f"Remove {display}")
            button.clicked.connect(lambda _c=False, r=row: self.remove_at(r))
            table.setCellWidget(row, REMOVE_COLUMN, button)
        if checks:
            self._fit_portability_column()
        table.resizeRowsToContents()
        n = len(order.numbers)
        if n == 0:
            summary = "No numbers yet."
        else:
            summary = f"{n} number{'s' if n != 1 else ''} to move"
            if counts["problem"]:
                summary += f", {counts['problem']} to fix (see the Check column)"
            summary += "."
        self.ui.numbers_summary.setText(summary)
        shown = [f for f in whole if n or reveal or self.binder.revealed]
        top = by_severity(shown)[0] if shown else None
        self.list_message.show_finding(top)
        self.list_message.setVisible(top is not None)
        table.setAccessibleDescription(summary)
        self.refresh_complete()
        if checks:
            self.check_portability()

    def changed(self) -> None:
        self.wiz.mark_changed()

    # ------------------------------------------------------------------ portability
    def _portability_cell(self, provider: str, number: str) -> tuple[str, str | None, str]:
        """(words, tone, tooltip) of the Portability column for one valid number."""
        key = (provider, number)
        answer = self.wiz.portability.get(key)
        if answer is not None and answer.checked:
            if not answer.portable:
                reason = answer.reason.strip().rstrip(".")
                return (f"Not portable: {reason}" if reason else "Not portable"), "error", ""
            if answer.fast:
                return "Portable, fast (FastPort)", "ok", \
                    "It can move quickly: often within a day or two of approval."
            return "Portable", "ok", ""
        if key in self._asking:
            return CHECKING, "muted", ""
        if answer is not None or key in self._unanswered:
            why = self._unanswered.get(key, "")
            return NOT_CHECKED, "muted", (
                "This does not stop the order: the provider checks again when it is sent."
                + (f" ({why})" if why else ""))
        return "", None, ""

    def check_portability(self) -> None:
        """Ask the provider about every valid number it has not answered for (on a worker);
        the answers come back through :meth:`_answered`."""
        services = self.wiz.services
        profile = self.context().provider
        if services is None or not profile.checks_portability:
            return
        wanted = []
        for number in self.wiz.order.numbers:
            parsed = parse_number(number)
            key = (profile.key, parsed.e164)
            if parsed.ok and key not in self.wiz.portability and key not in self._asking \
                    and key not in self._unanswered:
                wanted.append(parsed.e164)
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return
        from portwizard.gui.workers import run_task

        self._asking.update((profile.key, n) for n in wanted)
        self.portability_handle = run_task(
            services.check_portability, wanted,
            on_result=lambda answers, p=profile.key, w=wanted: self._answered(p, w, answers),
            on_error=lambda exc, p=profile.key, w=wanted: self._unreachable(p, w, exc))
        self.refresh_portability_column()
        summary = self.ui.numbers_summary
        summary.setText(f"{summary.text()} Asking {profile.name} whether it can take them…")

    @alive
    def _answered(self, provider: str, asked: list[str], answers) -> None:
        for answer in answers:
            self.wiz.portability[(provider, answer.number)] = answer
        for number in asked:
            self._asking.discard((provider, number))
            if (provider, number) not in self.wiz.portability:
                self._unanswered[(provider, number)] = "no answer for this number"
        self.refresh()  # the refused ones are now errors of the order (wizard.context)

    @alive
    def _unreachable(self, provider: str, asked: list[str], exc: BaseException) -> None:
        why = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        for number in asked:
            self._asking.discard((provider, number))
            self._unanswered[(provider, number)] = why
        self.refresh()

    def _fit_portability_column(self) -> None:
        table = self.ui.numbers_table
        table.resizeColumnToContents(PORTABILITY_COLUMN)
        if table.columnWidth(PORTABILITY_COLUMN) > PORTABILITY_MAX_WIDTH:
            table.setColumnWidth(PORTABILITY_COLUMN, PORTABILITY_MAX_WIDTH)

    def refresh_portability_column(self) -> None:
        """Redraw only the Portability column (e.g. "Checking…" once a check started)."""
        from PySide6.QtWidgets import QTableWidgetItem

        table = self.ui.numbers_table
        profile = self.context().provider
        for row, number in enumerate(self.wiz.order.numbers[:table.rowCount()]):
            parsed = parse_number(number)
            if not parsed.ok:
                continue
            text, tone, why = self._portability_cell(profile.key, parsed.e164)
            item = table.item(row, PORTABILITY_COLUMN)
            if item is None:
                item = QTableWidgetItem()
                table.setItem(row, PORTABILITY_COLUMN, item)
            item.setText(text)
            if tone is not None:
                item.setForeground(theme.tone_color(tone))
            item.setToolTip(why or text)
        self._fit_portability_column()
        table.resizeRowsToContents()

    def on_palette_changed(self) -> None:
        self.refresh()  # the Check column's colours
