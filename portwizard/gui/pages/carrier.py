"""Step 2: the current carrier (forgiving picker + guidance) and, for digital providers
that lock numbers, the unlock step."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QWhatsThis

from portwizard import flow
from portwizard.domain import carriers
from portwizard.gui.pages.base import StepPage
from portwizard.gui.ui.ui_carrier import Ui_CarrierPage
from portwizard.gui.ui.ui_unlock import Ui_UnlockPage

KIND_WORDS = {
    "wireless": "a mobile (wireless) carrier",
    "landline": "a landline / cable / business phone carrier",
    "digital": "an internet (digital) phone service",
}


def show_help(button, text: str) -> None:
    """A small plain-language popup next to a "?" button (Esc or a click closes it)."""
    QWhatsThis.showText(button.mapToGlobal(button.rect().bottomLeft()), text, button)


def guidance_html(name: str) -> str:
    """What the user should prepare for the carrier they typed (guidance wording)."""
    name = (name or "").strip()
    if not name:
        return "Type your carrier's name to see what to prepare."
    info = carriers.match(name)
    if info is None:
        return (f"We don't have notes for “{escape(name)}”. That is fine: type the name "
                "exactly as it is printed on your bill. Ask them for your account number and "
                "any PIN or passcode on the account before you continue.")
    parts = [f"<b>{escape(info.name)}</b> is {KIND_WORDS.get(info.kind, 'a phone carrier')}."]
    if info.unlock_required:
        parts.append("<b>First unlock your number</b> on their website; the next step shows how.")
    if info.pin_label:
        parts.append(f"<b>You need the {escape(info.pin_label)}.</b> {escape(info.pin_howto)}")
    elif info.pin_howto:
        parts.append(escape(info.pin_howto))
    if info.port_lock:
        parts.append(f"<b>Switch off the port-out lock:</b> {escape(info.port_lock)}. While it is "
                     "on, the move is refused.")
    if info.typical_port_days:
        parts.append(f"<b>How long:</b> {escape(info.typical_port_days)} once the order reaches "
                     "them (guidance, not a promise).")
    return "<p>" + "</p><p>".join(parts) + "</p>"


class CarrierPage(StepPage):
    step = flow.Step.CARRIER
    ui_class = Ui_CarrierPage
    labels = {"carrier.name": "current carrier"}

    def setup(self) -> None:
        ui = self.ui
        self.binder.bind(ui.carrier__name)
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._picked)
        ui.carrier__name.setCompleter(completer)
        self.completer = completer
        ui.carrier__name.textEdited.connect(self._suggest)
        self.binder.validated.connect(self._update_guidance)
        ui.help_carrier__name.clicked.connect(lambda: show_help(
            ui.help_carrier__name,
            "The company that sends you the phone bill for these numbers today. Its name is at "
            "the top of the bill. If you bought the numbers through a reseller, use the name on "
            "the bill you pay."))

    def _suggest(self, text: str) -> None:
        names = [c.name for c in carriers.suggestions(text)] if text.strip() else []
        self.model.setStringList(names)

    def _picked(self, name: str) -> None:
        self.ui.carrier__name.setText(name)
        self.binder.notify_changed("carrier.name", now=True)

    def _update_guidance(self) -> None:
        self.ui.guidance.setText(guidance_html(self.wiz.order.carrier.name))

    def on_enter(self) -> None:
        self._update_guidance()

    def before_leave(self) -> None:
        # "verizon wireless" -> "Verizon Wireless"; anything else stays as the user wrote it
        typed = " ".join(self.wiz.order.carrier.name.split())
        info = carriers.match(typed)
        if info is not None and info.name != typed and info.name.lower() == typed.lower():
            self.wiz.order.carrier.name = info.name  # the canonical name, as carriers know it
            self.binder.load()
            self.wiz.mark_changed()


class UnlockPage(StepPage):
    step = flow.Step.UNLOCK
    ui_class = Ui_UnlockPage
    labels = {"carrier.pin": "the code they gave you",
              "carrier.digital_unlocked": "the confirmation that you unlocked the number"}

    def setup(self) -> None:
        ui = self.ui
        self.binder.bind(ui.carrier__pin)
        # the code is a secret like a PIN: readable while typing, hidden afterwards
        ui.carrier__pin.setEchoMode(ui.carrier__pin.EchoMode.PasswordEchoOnEdit)
        self.binder.bind(ui.carrier__digital_unlocked)
        ui.help_unlock_code.clicked.connect(lambda: show_help(
            ui.help_unlock_code,
            "After you unlock the number on the provider's website, it shows a code (sometimes "
            "called a transfer PIN). Copy it here exactly. It is what allows your new provider "
            "to take the number."))

    def on_enter(self) -> None:
        info = carriers.match(self.wiz.order.carrier.name)
        name = info.name if info else (self.wiz.order.carrier.name or "your provider")
        howto = escape(info.unlock_howto) if info and info.unlock_howto else (
            "Sign in on their website, find the option to transfer or unlock your number, and "
            "follow it. They show a code at the end.")
        self.ui.unlock_howto.setText(
            f"<p><b>{escape(name)}</b> locks its numbers. Unlock them before you continue:</p>"
            f"<p>{howto}</p><p>Then type the code they give you and confirm below.</p>")
        if info and info.pin_label:
            self.ui.carrier__pin_label.setText(f"&{info.pin_label}:")
