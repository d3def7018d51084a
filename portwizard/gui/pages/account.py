"""Step 4: the account at the current carrier, copied from the bill."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from portwizard import flow
from portwizard.domain import carriers
from portwizard.domain.normalize import clean_account_number, clean_number, clean_pin
from portwizard.domain.order import PartialPort
from portwizard.gui.pages.base import StepPage
from portwizard.gui.pages.carrier import show_help
from portwizard.gui.ui.ui_account import Ui_AccountPage

NUMBER_TYPES = [
    ("", "Choose…"),
    ("business-local", "Business — local number"),
    ("business-toll-free", "Business — toll-free (800, 888, 877 …)"),
    ("residential", "Residential (home)"),
]
REMAINING = [
    ("", "Choose…"),
    ("keep", "stay with my current carrier"),
    ("disconnect", "be disconnected"),
]

HELP = {
    "carrier.account_type":
        "Look at your phone bill. If it lists only the number(s) you are moving, choose single "
        "line. If the same bill also has other numbers, choose multi-line.",
    "carrier.number_type":
        "Business local: an ordinary business number with an area code. Business toll-free: a "
        "number starting 800, 888, 877, 866, 855, 844 or 833 (also when it is for your home). "
        "Residential: a home phone billed to a person, not a business.",
    "carrier.customer_name":
        "The business name (or, for a home phone, the account holder's full name) exactly as it "
        "is printed at the top of your bill. Carriers compare it letter by letter.",
    "carrier.authorized_name":
        "The person allowed to make changes on the account, usually the owner or the manager "
        "named on the bill. This person signs the Letter of Authorization.",
    "carrier.authorized_email":
        "{provider} writes the Letter of Authorization for you and e-mails it to the "
        "authorized person, who signs it online. Give the address that person reads: the port "
        "does not start until it is signed.",
    "carrier.account_number":
        "Printed near the top of your bill, often labelled \"Account number\" or \"Account #\". "
        "Copy every digit; we remove spaces and dashes for you. If you have no account number, "
        "use the phone number you are moving.",
    "carrier.btn":
        "The billing telephone number: the main number your bill is filed under. On a single-"
        "line account it is the number you are moving. On a multi-line account it is the "
        "account's main number, even if that number stays.",
    "carrier.pin":
        "The PIN or passcode on your account with the current carrier. For mobile numbers use "
        "the transfer PIN (a special temporary code), not the account PIN. If you never set a "
        "PIN, type 0000.",
    "partial_port.remaining_numbers":
        "You are moving only some of the numbers on this account. Tell us what should happen to "
        "the others: keep them with your current carrier, or have them disconnected.",
    "partial_port.new_btn":
        "The billing number is moving away, so the account that stays behind needs a new main "
        "number. Choose one of the numbers that stay and ask your carrier to make it the new "
        "billing number.",
}


class AccountPage(StepPage):
    step = flow.Step.ACCOUNT
    ui_class = Ui_AccountPage
    def setup(self) -> None:
        ui = self.ui
        self.binder.bind_choice(ui.carrier__account_type, "carrier.account_type",
                                {"single-line": ui.account_single, "multi-line": ui.account_multi})
        for value, text in NUMBER_TYPES:
            ui.carrier__number_type.addItem(text, value)
        for value, text in REMAINING:
            ui.partial_port__remaining_numbers.addItem(text, value)
        for w in (ui.carrier__number_type, ui.carrier__customer_name, ui.carrier__authorized_name,
                  ui.carrier__authorized_email, ui.carrier__account_number, ui.carrier__btn, ui.carrier__pin,
                  ui.partial_port__remaining_numbers, ui.partial_port__new_btn):
            self.binder.bind(w)
        # "Are all numbers on the account moving?" is not a field of its own: it is whether
        # the order has a partial_port section.
        from PySide6.QtWidgets import QCheckBox

        self.partial = QCheckBox("Some numbers on this account a&re not moving", self)
        self.partial.setObjectName("partial_port")
        self.partial.setAccessibleName("Some numbers on this account are not moving")
        row, _ = ui.form.getWidgetPosition(ui.partial_box)
        ui.form.insertRow(row, "", self.partial)
        self.partial.toggled.connect(self._partial_toggled)
        # what the user typed for the numbers that stay, kept while the order drops it
        # (unticked, or switched to single line) so ticking again brings it back
        self._kept_partial: PartialPort | None = None
        ui.show_pin.toggled.connect(self._show_pin)
        for path in HELP:
            button = getattr(ui, "help_" + path.replace(".", "__"))
            button.clicked.connect(lambda _c=False, b=button, p=path: show_help(b, self.help_text(p)))
        self.binder.edited.connect(self._edited)
        for w in (ui.carrier__account_number, ui.carrier__btn, ui.carrier__pin,
                  ui.partial_port__new_btn):
            w.editingFinished.connect(lambda w=w: self._tidy(w.objectName()))
        self.setTabOrder(ui.carrier__pin, ui.show_pin)
        self.setTabOrder(ui.show_pin, ui.help_carrier__pin)
        self.setTabOrder(ui.help_carrier__pin, self.partial)
        self.setTabOrder(self.partial, ui.partial_port__remaining_numbers)

    def help_text(self, path: str) -> str:
        text = HELP[path].replace("{provider}", self.context().provider.name)
        if path == "carrier.pin":
            info = carriers.match(self.wiz.order.carrier.name)
            if info is not None and info.pin_howto:
                text = f"{info.name}: {info.pin_howto}"
        return text

    def _show_pin(self, shown: bool) -> None:
        self.ui.carrier__pin.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                         else QLineEdit.EchoMode.Password)
        self.ui.show_pin.setText("Hide" if shown else "Show")
        self.ui.show_pin.setAccessibleName("Hide the PIN" if shown else "Show the PIN")

    def _partial_toggled(self, on: bool) -> None:
        order = self.wiz.order
        if on and order.partial_port is None:
            order.partial_port = self._kept_partial or PartialPort()
        elif not on:
            self._drop_partial()
        self._update_visibility()
        self.binder.load()
        self.wiz.mark_changed()
        self.binder.validate()

    def _edited(self, path: str) -> None:
        if path == "carrier.account_type":
            self._update_visibility()

    def _update_visibility(self) -> None:
        order = self.wiz.order
        multi = order.carrier.account_type == "multi-line"
        if not multi and order.partial_port is not None:
            self._drop_partial()
        row, _ = self.ui.form.getWidgetPosition(self.partial)
        self.ui.form.setRowVisible(row, multi)
        self.partial.blockSignals(True)
        self.partial.setChecked(order.partial_port is not None)
        self.partial.blockSignals(False)
        row, _ = self.ui.form.getWidgetPosition(self.ui.partial_box)
        self.ui.form.setRowVisible(row, multi and order.partial_port is not None)

    def _drop_partial(self) -> None:
        """Take partial_port out of the order, keeping what was typed in this page."""
        order = self.wiz.order
        self.binder.flush()
        if order.partial_port is not None and (order.partial_port.remaining_numbers
                                               or order.partial_port.new_btn):
            self._kept_partial = order.partial_port
        order.partial_port = None

    def _tidy(self, path: str) -> None:
        """Apply the domain's clean-up (spaces/dashes out of the account number, E.164
        numbers) when the user leaves the field, and say what changed."""
        order = self.wiz.order
        from portwizard.domain.order import get_field, set_field

        value = get_field(order, path) or ""
        if path == "carrier.account_number":
            cleaned, _notes = clean_account_number(value, path)
        elif path == "carrier.pin":
            cleaned, _notes = clean_pin(value, carriers.match(order.carrier.name), path) if value else (value, [])
        else:
            cleaned, _notes = clean_number(value, path)
            if cleaned and cleaned.startswith("+"):
                from portwizard.domain.phone import format_display

                cleaned = format_display(cleaned) or cleaned
        if cleaned != value:
            set_field(order, path, cleaned)
            self.binder.load()
            self.wiz.mark_changed()
            self.binder.set_notes(path, _notes)
            self.binder.validate()

    def on_enter(self) -> None:
        order = self.wiz.order
        info = carriers.match(order.carrier.name)
        ui = self.ui
        if info is not None and info.unlock_required:
            ui.carrier__pin_label.setText("Unlock code (from the unlock step):")
        elif info is not None and info.pin_label:
            ui.carrier__pin_label.setText(f"{info.pin_label}:")
        else:
            ui.carrier__pin_label.setText("P&IN / passcode:")
        if info is not None and (info.kind == "wireless" or info.unlock_required):
            ui.carrier__pin.setPlaceholderText("the code your carrier gives you (press ? for how)")
        else:
            ui.carrier__pin.setPlaceholderText("0000 if you never set one")
        self._show_provider_fields()
        self._update_visibility()

    def _show_provider_fields(self) -> None:
        """The signer's e-mail is asked only when the provider's profile needs it (the flow
        says which fields apply); a value already typed is kept either way."""
        wanted = flow.field_applies("carrier.authorized_email", self.context())
        row, _ = self.ui.form.getWidgetPosition(self.ui.carrier__authorized_email_label)
        self.ui.form.setRowVisible(row, wanted)

    def before_leave(self) -> None:
        for path in ("carrier.account_number", "carrier.btn", "carrier.pin", "partial_port.new_btn"):
            if path.startswith("partial_port") and self.wiz.order.partial_port is None:
                continue
            self._tidy(path)
