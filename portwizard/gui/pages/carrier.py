"""Step 2: the current carrier (forgiving picker + guidance) and, for digital providers
that lock numbers, the unlock step."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QButtonGroup, QCompleter, QRadioButton, QWhatsThis

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


# How a choice between entries of one brand reads ("AT&T Wireless (mobile phones)"); a name
# that already says what it is ("Verizon Fios / landline") is shown as it is.
CHOICE_WORDS = {
    "wireless": "mobile phones",
    "landline": "home or business landline",
    "digital": "internet phone service",
}


def choice_text(info: carriers.CarrierInfo) -> str:
    """The words of one radio button when a typed name is several companies."""
    if "(" in info.name or "/" in info.name:
        return info.name
    return f"{info.name} ({CHOICE_WORDS.get(info.kind, 'phone company')})"


def show_help(button, text: str) -> None:
    """A small plain-language popup next to a "?" button (Esc or a click closes it)."""
    QWhatsThis.showText(button.mapToGlobal(button.rect().bottomLeft()), text, button)


def guidance_html(name: str) -> str:
    """What the user should prepare for the carrier they typed (guidance wording)."""
    name = (name or "").strip()
    if not name:
        return "Type your carrier's name to see what to prepare."
    if len(carriers.candidates(name)) > 1:  # "AT&T": the wireless or the landline company?
        return (f"“{escape(name)}” is more than one company, and what they need from you "
                "differs. Choose the one that sends your bill (above) to see what to prepare.")
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
    def setup(self) -> None:
        ui = self.ui
        self.binder.bind(ui.carrier__name)
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        # the model already holds the ranked suggestions for what was typed (typos, aliases,
        # "att" for AT&T): the popup shows them as they are, from the first letter
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._picked)
        ui.carrier__name.setCompleter(completer)
        self.completer = completer
        ui.carrier__name.textEdited.connect(self._suggest)
        self.binder.validated.connect(self._update_guidance)
        # a name that is several companies is asked about here, never silently picked
        self.choices: list[carriers.CarrierInfo] = []
        self.choice_group = QButtonGroup(self)
        self.choice_group.buttonClicked.connect(self._chosen)
        ui.carrier_choice.hide()
        ui.help_carrier__name.clicked.connect(lambda: show_help(
            ui.help_carrier__name,
            "The company that sends you the phone bill for these numbers today. Its name is at "
            "the top of the bill. If you bought the numbers through a reseller, use the name on "
            "the bill you pay."))

    def _suggest(self, text: str) -> None:
        names = [c.name for c in carriers.suggestions(text)] if text.strip() else []
        self.model.setStringList(names)
        if names and self.ui.carrier__name.hasFocus():
            self.completer.complete()  # the list changed after QCompleter looked at it
        elif not names:
            self.completer.popup().hide()

    def _picked(self, name: str) -> None:
        self.ui.carrier__name.setText(name)
        self.binder.notify_changed("carrier.name", now=True)

    # ------------------------------------------------------------------ one brand, several companies
    def ambiguous(self) -> bool:
        return len(carriers.candidates(self.wiz.order.carrier.name)) > 1

    def _refresh_choice(self) -> None:
        name = " ".join(self.wiz.order.carrier.name.split())
        options = carriers.candidates(name)
        answered = None
        if len(options) > 1:
            choices = options
        elif len(options) == 1 and options[0] in self.choices and name == options[0].name:
            choices, answered = self.choices, options[0]  # keep the question, answer showing
        else:
            choices = []
        if choices != self.choices:
            self._build_choices(choices, name)
        for button in self.choice_group.buttons():
            button.setChecked(answered is not None and button.property("carrier_key") == answered.key)
        self.ui.carrier_choice.setVisible(bool(choices))

    def _build_choices(self, choices: list[carriers.CarrierInfo], typed: str) -> None:
        ui = self.ui
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.deleteLater()
        self.choice_group.setExclusive(True)
        self.choices = list(choices)
        if choices:
            ui.carrier_choice_prompt.setText(
                f"“{typed}” is more than one company. Which one sends your bill?")
        for info in choices:
            button = QRadioButton(choice_text(info).replace("&", "&&"), ui.carrier_choice)
            button.setObjectName(f"carrier_choice={info.key}")
            button.setProperty("carrier_key", info.key)
            button.setAccessibleName(choice_text(info))
            self.choice_group.addButton(button)
            ui.carrier_choice_layout.addWidget(button)

    def _chosen(self, button) -> None:
        info = carriers.by_key(button.property("carrier_key"))
        if info is None:
            return
        self.ui.carrier__name.setText(info.name)
        self.binder.notify_changed("carrier.name", now=True)

    def refresh_complete(self) -> None:
        super().refresh_complete()
        # Not blocking (drafts and imports name "Verizon" or "Spectrum" alone and must still
        # open), but never silent: say what is assumed until the user chooses.
        name = self.wiz.order.carrier.name
        if self.ambiguous():
            assumed = carriers.match(name)
            self.hint.setText(
                "Choose which company sends your bill (under the carrier's name)"
                + (f"; until you do, the next steps assume {assumed.name}." if assumed else "."))
            self.hint.setVisible(True)

    def _update_guidance(self) -> None:
        self._refresh_choice()
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
    labels = {"carrier.pin": "the code they gave you",  # (the unlock step's own words)
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
