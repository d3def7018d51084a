"""Step 7: everything on one page with "Change…" links, the rejection-risk checklist (every
finding, warnings too, grouped by step), the switch date, and a preview of the documents."""
from __future__ import annotations

import datetime as _dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout

from portwizard import flow
from portwizard.domain import address as addr
from portwizard.domain import dates
from portwizard.domain.findings import Finding, Severity, by_severity
from portwizard.domain.order import DOCUMENT_KINDS, FOC_TIMEZONES, document_name
from portwizard.domain.phone import format_display
from portwizard.domain.validation import validate_order
from portwizard.gui import theme
from portwizard.gui.binding import SYMBOLS, finding_text, severity_color
from portwizard.gui.pages.base import StepPage, alive
from portwizard.gui.ui.ui_review import Ui_ReviewPage

NUMBER_TYPE_WORDS = {"business-local": "Business, local", "business-toll-free": "Business, toll-free",
                     "residential": "Residential"}
ACCOUNT_TYPE_WORDS = {"single-line": "Single line", "multi-line": "Multi-line"}
#: the times of day offered for the move (a provider with port windows confirms the nearest)
FOC_TIMES = [f"{h:02d}:{m:02d}" for h in range(6, 21) for m in (0, 30)][:-1]
ANY_TIME = "Any time that day"


def full_findings(order, ctx) -> list[Finding]:
    """Validation plus the document checks (runs in a worker: it reads the files)."""
    from portwizard.services.checks import full_check

    return full_check(order, ctx)


def _row(label: str, value: str) -> str:
    missing = theme.tone_color("error").name()
    shown = escape(value) if value else f'<span style="color:{missing}">missing</span>'
    return (f"<tr><td style='color:{theme.tone_color('muted').name()}; padding-right:12px'>"
            f"{escape(label)}</td><td>{shown}</td></tr>")


FIXED = "\u2714"  # ✔


def _row_key(f: Finding) -> tuple[str, str]:
    """One checklist row per problem; a field on this page (typed in here) has one row whose
    words follow what is typed ("missing" -> "not an e-mail address" -> fixed)."""
    if flow.step_of_field(f.field) is flow.Step.REVIEW:
        return f.field, ""
    return f.field, f.code


def _finding_row(f: Finding, fixed: bool = False) -> str:
    """One checklist row: a finding in its tone, or, once fixed during this visit, the same
    words ticked off in the "ok" tone (the row stays where it was: nothing moves)."""
    if fixed:
        color, symbol, words = theme.tone_color("ok").name(), FIXED, f"Fixed: {f.message}"
    else:
        color, symbol, words = severity_color(f.severity), SYMBOLS[f.severity], finding_text(f)
    return f"<p style='color:{color}; margin:0 0 2px 12px'>{symbol} {escape(words)}</p>"


class ReviewPage(StepPage):
    step = flow.Step.REVIEW
    ui_class = Ui_ReviewPage
    def setup(self) -> None:
        ui = self.ui
        self.preview = None
        self.full: list[Finding] | None = None
        self._check_handle = None
        self.full_error: str | None = None  # why the last full check failed
        self._check_round = 0
        self.allowed: list[_dt.date] = []
        ui.summary.setObjectName("summary")
        ui.summary.linkActivated.connect(self._link)
        ui.checklist.setObjectName("checklist")
        ui.checklist.linkActivated.connect(self._link)
        self.binder.bind_custom(ui.requested_foc_date, "requested_foc_date",
                                self._read_date, self._write_date)
        ui.requested_foc_date.dateChanged.connect(self._date_picked)
        ui.foc_specific.toggled.connect(self._specific_toggled)
        ui.requested_foc_time.addItem(ANY_TIME, "")
        for t in FOC_TIMES:
            ui.requested_foc_time.addItem(t, t)
        ui.requested_foc_timezone.addItem("Choose…", "")
        for zone, words in FOC_TIMEZONES:
            ui.requested_foc_timezone.addItem(words, zone)
        for w in (ui.contact__name, ui.contact__email, ui.contact__phone,
                  ui.requested_foc_time, ui.requested_foc_timezone, ui.customer_reference):
            self.binder.bind(w)
        self.binder.edited.connect(lambda _p: self._recheck_quick())
        ui.preview_choice.currentIndexChanged.connect(self._preview_selected)
        # expanding, or QWizard leaves the page at its preferred height with a gap below
        ui.splitter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        theme.set_tone(ui.foc_note, "muted")
        theme.set_tone(ui.contact_intro, "muted")
        # The checklist keeps its rows for the whole visit (fixed ones are ticked off) and
        # never gets shorter while the user works below it: what they are typing in must not
        # move under the cursor. It starts afresh each time the page is entered.
        self._shown: dict[tuple[str, str], Finding] = {}
        self._checklist_floor = 0
        self._checklist_width = 0

    def context(self):
        return self.wiz.context(documents=True)

    # ------------------------------------------------------------------ navigation links
    def _link(self, href: str) -> None:
        if href == "recheck":  # the document check failed: try it again
            self.full_error = None
            self._run_full_check()
            self._recheck_quick()
            return
        if href.startswith("field:"):  # a field on this page: bring it into view, cursor in it
            self.focus_field(href[len("field:"):])
            return
        try:
            step = flow.Step(href)
        except ValueError:
            return
        self.wiz.goto_step(step)

    def focus_field(self, path: str) -> bool:
        from PySide6.QtWidgets import QWidget

        target = self.findChild(QWidget, path)
        if target is None:
            return False
        self.ui.summary_scroll.ensureWidgetVisible(target)
        target.setFocus()
        return True

    # ------------------------------------------------------------------ the date
    def _setup_dates(self) -> None:
        ctx = self.context()
        # where the phones are decides the holidays: one rule, in the domain
        self.allowed = [d for d in dates.allowed_foc_dates_for(self.wiz.order, ctx.today,
                                                               ctx.foc_lead_business_days)
                        if ctx.provider.allows_date(ctx.today, d)]  # e.g. Twilio: 7 days
        edit = self.ui.requested_foc_date
        if not self.allowed:
            return
        first, last = self.allowed[0], self.allowed[-1]
        edit.blockSignals(True)
        edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        cal = edit.calendarWidget()
        cal.setDateTextFormat(QDate(), QTextCharFormat())  # reset
        grey = QTextCharFormat()  # the palette's own "disabled" text, struck out
        grey.setForeground(cal.palette().color(QPalette.ColorGroup.Disabled,
                                               QPalette.ColorRole.Text))
        grey.setFontStrikeOut(True)
        allowed = set(self.allowed)
        d = first
        while d <= last:
            if d not in allowed:
                cal.setDateTextFormat(QDate(d.year, d.month, d.day), grey)
            d += _dt.timedelta(days=1)
        edit.blockSignals(False)
        note = (f"Only business days from {dates.spoken(first)} can be chosen (weekends and "
                "holidays are greyed out). Without a specific date, the numbers move on the "
                "first date both carriers agree on.")
        if ctx.provider.min_days_to_foc:
            note += (f" {ctx.provider.name} needs the date at least "
                     f"{ctx.provider.min_days_to_foc} days ahead.")
        if flow.field_applies("requested_foc_time", ctx):
            note += (f" {ctx.provider.name} moves numbers at set times and confirms one of "
                     "them on your date; a preferred time is kept with the order.")
        self.ui.foc_note.setText(note)

    def _read_date(self):
        if not self.ui.foc_specific.isChecked():
            return None
        return self.ui.requested_foc_date.date().toString("yyyy-MM-dd")

    def _write_date(self, value) -> None:
        edit = self.ui.requested_foc_date
        self.ui.foc_specific.blockSignals(True)
        self.ui.foc_specific.setChecked(bool(value))
        self.ui.foc_specific.blockSignals(False)
        edit.setEnabled(bool(value))
        d = QDate.fromString(value or "", "yyyy-MM-dd")
        if d.isValid():
            edit.setDate(d)

    def is_allowed(self, d: _dt.date) -> bool:
        return d in set(self.allowed)

    def _date_picked(self, qd: QDate) -> None:
        d = _dt.date(qd.year(), qd.month(), qd.day())
        if self.allowed and not self.is_allowed(d):
            later = [a for a in self.allowed if a > d]
            snap = later[0] if later else self.allowed[-1]
            self.ui.requested_foc_date.blockSignals(True)
            self.ui.requested_foc_date.setDate(QDate(snap.year, snap.month, snap.day))
            self.ui.requested_foc_date.blockSignals(False)
            why = dates.holiday_name(d, *dates.place_of(self.wiz.order)) or ("a weekend" if d.weekday() >= 5 else "not allowed")
            self.ui.foc_note.setText(f"{dates.spoken(d)} is {why}; we picked {dates.spoken(snap)}, "
                                     "the next business day.")
        if self.ui.foc_specific.isChecked():
            self.binder.notify_changed("requested_foc_date", now=True)

    def _show_time_row(self) -> None:
        """The preferred time only with a provider that has port windows (its profile, through
        the flow), and only usable once a date is chosen."""
        ui = self.ui
        row, _ = ui.foc_form.getWidgetPosition(ui.requested_foc_time_label)
        ui.foc_form.setRowVisible(row, flow.field_applies("requested_foc_time", self.context()))
        on = ui.foc_specific.isChecked()
        for w in (ui.requested_foc_time, ui.requested_foc_timezone):
            w.setEnabled(on)
        time = self.wiz.order.requested_foc_time
        if time and ui.requested_foc_time.findData(time) < 0:  # from a file: keep it shown
            ui.requested_foc_time.blockSignals(True)
            ui.requested_foc_time.addItem(time, time)
            ui.requested_foc_time.setCurrentIndex(ui.requested_foc_time.count() - 1)
            ui.requested_foc_time.blockSignals(False)

    def _specific_toggled(self, on: bool) -> None:
        edit = self.ui.requested_foc_date
        edit.setEnabled(on)
        if not on and self.ui.requested_foc_time.currentIndex() > 0:
            self.ui.requested_foc_time.setCurrentIndex(0)  # no date: no time either
        self._show_time_row()
        if on and self.allowed:
            current = edit.date()
            d = _dt.date(current.year(), current.month(), current.day())
            if not self.is_allowed(d):
                first = self.allowed[0]
                edit.blockSignals(True)
                edit.setDate(QDate(first.year, first.month, first.day))
                edit.blockSignals(False)
        self.binder.notify_changed("requested_foc_date", now=True)

    # ------------------------------------------------------------------ showing
    def on_palette_changed(self) -> None:
        if self.wiz.current_step() is flow.Step.REVIEW:
            self._setup_dates()
            self.ui.summary.setText(self.summary_html())
            self._recheck_quick()

    def on_enter(self) -> None:
        self._shown = {}
        self._checklist_floor = self._checklist_width = 0
        self.ui.checklist.setMinimumHeight(0)
        self._setup_dates()
        self.binder.load()
        self._show_time_row()
        if not self.wiz.order.requested_foc_date and self.allowed:
            first = self.allowed[0]
            self.ui.requested_foc_date.blockSignals(True)
            self.ui.requested_foc_date.setDate(QDate(first.year, first.month, first.day))
            self.ui.requested_foc_date.blockSignals(False)
        self.ui.summary.setText(self.summary_html())
        self.full = None
        self.full_error = None  # a new check starts: an old failure no longer applies
        self._recheck_quick()
        self._run_full_check()
        self._fill_preview_choices()

    def summary_html(self) -> str:
        o = self.wiz.order
        c = o.carrier

        def section(title: str, step: flow.Step, rows: list[tuple[str, str]]) -> str:
            table = "".join(_row(k, v) for k, v in rows)
            return (f"<h3 style='margin-bottom:2px'>{escape(title)} "
                    f"<a href='{step.value}' style='font-size:small; font-weight:normal'>Change…</a></h3>"
                    f"<table>{table}</table>")

        nums = [format_display(n) or n for n in o.numbers]
        shown = ", ".join(nums[:6]) + (f" and {len(nums) - 6} more" if len(nums) > 6 else "")
        tgt = o.target
        target = tgt.label or tgt.line_id or tgt.account_id
        if not tgt.account_id and tgt.label:
            target = f"New sub-account “{tgt.label}”"
        pin = "•" * len(c.pin) if c.pin else ""
        ctx = self.context()
        signer = ([("Signer's e-mail", c.authorized_email)]
                  if flow.field_applies("carrier.authorized_email", ctx) else [])
        loa = ((Path(o.documents.loa).name if o.documents.loa else "")
               if flow.field_applies("documents.loa", ctx)
               else f"{ctx.provider.name} e-mails it to the signer")
        parts = [
            section("Numbers", flow.Step.NUMBERS, [(f"{len(nums)} to move", shown)]),
            section("Current carrier", flow.Step.CARRIER, [("Carrier", c.name)]),
            section("Where they go", flow.Step.TARGET, [("Line / sub-account", target)]),
            section("Account", flow.Step.ACCOUNT, [
                ("Account type", ACCOUNT_TYPE_WORDS.get(c.account_type, c.account_type)),
                ("Number type", NUMBER_TYPE_WORDS.get(c.number_type, c.number_type)),
                ("Name on the bill", c.customer_name), ("Authorized person", c.authorized_name),
                *signer,
                ("Account number", c.account_number), ("Billing number", format_display(c.btn) or c.btn),
                ("PIN", pin)]),
            section("Service address", flow.Step.ADDRESS, [("Address", addr.format_address(o.service_address))]),
            section("Documents", flow.Step.DOCUMENTS, [
                ("LOA", loa),
                ("Bill", Path(o.documents.invoice).name if o.documents.invoice else ""),
                ("CSR", Path(o.documents.csr).name if o.documents.csr else "(optional)")]),
        ]
        return "".join(parts)

    # ------------------------------------------------------------------ checklist
    def _recheck_quick(self) -> None:
        """Validation without re-reading the documents (their findings are kept)."""
        quick = validate_order(self.wiz.order, self.wiz.context(documents=False))
        docs = [f for f in (self.full or []) if f.field.startswith("documents.")
                and not any(q.field == f.field and q.code == f.code for q in quick)]
        self._show_checklist(quick + docs)

    def _run_full_check(self) -> None:
        from portwizard.gui.workers import run_task

        self._check_round += 1
        round_ = self._check_round
        order = self.wiz.order.copy()
        self._check_handle = run_task(full_findings, order, self.context(),
                                      on_result=lambda fs: self._checked(round_, fs),
                                      on_error=lambda exc: self._check_failed(round_, exc))

    @alive
    def _checked(self, round_: int, findings: list[Finding]) -> None:
        if round_ != self._check_round:
            return  # an older check; a newer one is running
        self.full = list(findings)
        self.full_error = None
        self._recheck_quick()

    @alive
    def _check_failed(self, round_: int, exc: BaseException) -> None:
        if round_ != self._check_round:
            return
        # Without the document check nobody knows whether the files are usable: say so and
        # keep Next blocked until a check succeeds (the checklist offers "Check again").
        self.full = None
        self.full_error = str(exc) or type(exc).__name__
        self._recheck_quick()

    def _show_checklist(self, findings: list[Finding]) -> None:
        self.findings = findings
        order = self.wiz.order
        current: dict[tuple[str, str], Finding] = {}
        for f in by_severity(findings):  # new rows come in the usual order, errors first
            key = _row_key(f)
            current.setdefault(key, f)
            self._shown.setdefault(key, f)  # the first wording is what gets ticked off
        fixed = [f for key, f in self._shown.items() if key not in current]
        failed = ""
        if self.full_error is not None:
            failed = (f"<p style='color:{theme.tone_color('error').name()}'>"
                      f"{SYMBOLS[Severity.ERROR]} The documents could not be checked: "
                      f"{escape(self.full_error)}. Check them by eye or try again. "
                      "<a href='recheck'>Check again</a></p>")
        html = "<h3>Rejection-risk checklist</h3>"
        errors = sum(1 for f in findings if f.is_error)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        head = []
        if errors:
            head.append(f"{errors} to fix before sending")
        if warnings:
            head.append(f"{warnings} to double-check")
        if fixed:
            head.append(f"{len(fixed)} fixed")
        if not findings and not failed:
            ok = theme.tone_color("ok").name()
            html += (f"<p style='color:{ok}'>{FIXED} Nothing found that would get this order "
                     "rejected.</p>")
        elif head:
            html += f"<p>{escape(', '.join(head))}:</p>"
        if findings or fixed:
            steps = flow.steps_for(order)
            for step in steps:
                # rows in the order first shown on this visit; the ones fixed since stay put
                keys = [k for k, f in self._shown.items()
                        if flow.findings_for(order, step, [current.get(k, f)])]
                if not keys:
                    continue
                open_group = by_severity([current[k] for k in keys if k in current])
                link = ""
                if open_group:
                    target = (step.value if step is not flow.Step.REVIEW else
                              f"field:{next((f.field for f in open_group if f.is_error), open_group[0].field)}")
                    link = f" <a href='{escape(target)}'>Fix…</a>"
                html += f"<p style='margin-bottom:0'><b>{escape(step.title)}</b>{link}</p>"
                html += "".join(_finding_row(current[k]) if k in current
                                else _finding_row(self._shown[k], fixed=True) for k in keys)
        label = self.ui.checklist
        label.setText(html + failed)
        self._hold_checklist_height()
        self.refresh_complete()

    def _hold_checklist_height(self) -> None:
        """Never shorter during this visit at this width (a longer text still grows it)."""
        label = self.ui.checklist
        width = label.width()
        if not label.isVisible() or width <= 0:
            return
        needed = label.heightForWidth(width)
        if width != self._checklist_width:  # the window was resized: measure afresh
            self._checklist_width, self._checklist_floor = width, needed
        self._checklist_floor = max(self._checklist_floor, needed)
        label.setMinimumHeight(self._checklist_floor)

    def compute_complete(self) -> bool:
        findings = getattr(self, "findings", None)
        if findings is None or self.full is None:
            return False  # the document check has not succeeded (yet)
        return flow.is_complete(self.wiz.order, self.step, findings=findings)

    def refresh_complete(self) -> None:
        super().refresh_complete()
        if not self._complete:
            if self.full_error is not None:
                text = ("To continue, the documents must be checked: press “Check again” in "
                        "the checklist.")
            elif self.full is None:
                text = "Checking the documents… Next is available when the check is done."
            else:
                text = "To continue, fix the points marked ✖ in the checklist (use the Fix… links)."
            self.hint.setText(text)
            self.hint.setVisible(True)

    # ------------------------------------------------------------------ preview (lazy)
    def ensure_preview(self):
        if self.preview is None:
            from portwizard.gui.widgets.pdf_preview import PdfPreview

            lay = QVBoxLayout(self.ui.preview_host)
            lay.setContentsMargins(0, 0, 0, 0)
            self.preview = PdfPreview(self.ui.preview_host)
            self.preview.setObjectName("preview")
            lay.addWidget(self.preview)
        return self.preview

    def _fill_preview_choices(self) -> None:
        docs = self.wiz.order.documents
        combo = self.ui.preview_choice
        combo.blockSignals(True)
        combo.clear()
        for kind in DOCUMENT_KINDS:
            path = getattr(docs, kind)
            if path:
                combo.addItem(document_name(kind, label=True), path)
        combo.blockSignals(False)
        self.ensure_preview()
        if combo.count():
            self._preview_selected(0)
        else:
            self.preview.clear()

    def _preview_selected(self, index: int) -> None:
        path = self.ui.preview_choice.itemData(index)
        if path:
            self.ensure_preview().load(path)
