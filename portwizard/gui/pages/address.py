"""Step 5: the service address: paste it whole and split it, or fill in the parts."""
from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt

from portwizard import flow
from portwizard.domain import address as addr
from portwizard.gui.pages.base import StepPage
from portwizard.gui.ui.ui_address import Ui_AddressPage

DIRECTION_WORDS = {"": "(none)", "N": "N — North", "S": "S — South", "E": "E — East",
                   "W": "W — West", "NE": "NE — Northeast", "NW": "NW — Northwest",
                   "SE": "SE — Southeast", "SW": "SW — Southwest"}

# The street line's parts go together: a split that found a street replaces all of them, so
# a PO Box (no street number) never keeps the number of the address typed before.
STREET_PARTS = ("street_number", "pre_direction", "street_name", "unit")
SPLIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AddressPage(StepPage):
    step = flow.Step.ADDRESS
    ui_class = Ui_AddressPage
    def setup(self) -> None:
        ui = self.ui
        for code, name in addr.COUNTRIES.items():
            ui.service_address__country.addItem(name, code)
        for code in ("", *addr.DIRECTIONS):
            ui.service_address__pre_direction.addItem(DIRECTION_WORDS[code], code)
        self._fill_regions("US")
        for w in (ui.service_address__country, ui.service_address__street_number,
                  ui.service_address__pre_direction, ui.service_address__street_name,
                  ui.service_address__unit, ui.service_address__city,
                  ui.service_address__state, ui.service_address__postal_code):
            self.binder.bind(w)
        ui.address_paste.setObjectName("address_paste")
        ui.split_address.clicked.connect(self.split)
        # Enter in the paste box splits; it must not also reach the wizard's default button
        # (a QLineEdit passes Enter on after returnPressed, and QWizard would go Next).
        ui.address_paste.installEventFilter(self)
        ui.service_address__country.currentIndexChanged.connect(self._country_changed)
        ui.split_notes.hide()
        ui.service_address__street_number.setMaximumWidth(140)
        ui.service_address__postal_code.setMaximumWidth(140)
        ui.number_row.insertStretch(1, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.ui.address_paste and event.type() == QEvent.Type.KeyPress
                and event.key() in SPLIT_KEYS):
            self.split()
            return True  # handled: the dialog's default button never sees it
        return super().eventFilter(watched, event)

    def _fill_regions(self, country: str) -> None:
        combo = self.ui.service_address__state
        table = addr.CA_PROVINCES if country == "CA" else addr.US_STATES
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Choose…", "")
        for code, name in sorted(table.items(), key=lambda kv: kv[1]):
            combo.addItem(f"{name} ({code})", code)
        combo.blockSignals(False)
        is_ca = country == "CA"
        self.ui.service_address__state_label.setText("P&rovince:" if is_ca else "S&tate:")
        self.ui.service_address__postal_code_label.setText("Postal &code:" if is_ca else "&ZIP code:")
        self.ui.service_address__postal_code.setPlaceholderText("K1A 0B1" if is_ca else "62701")

    def _country_changed(self, _i: int) -> None:
        order = self.wiz.order
        country = order.service_address.country or "US"
        state = order.service_address.state
        self._fill_regions(country)
        if state and addr.region_country(state) != country:
            order.service_address.state = ""
            self.wiz.mark_changed()
        self.binder.load()
        self.binder.validate()

    def on_enter(self) -> None:
        self._fill_regions(self.wiz.order.service_address.country or "US")
        self.binder.load()

    def split(self) -> None:
        text = self.ui.address_paste.text()
        if not text.strip():
            self._show_notes(["Paste the whole address in the box first, then press Split."])
            return
        parts, notes = addr.split_address(text)
        sa = self.wiz.order.service_address
        found_street = bool(parts.street_number or parts.street_name)
        for f in dataclasses.fields(parts):
            value = getattr(parts, f.name)
            # a part the paste did not have keeps what the user typed (a bare "City, ST ZIP"
            # keeps the street), except that a new street line replaces the whole old one
            if value or (found_street and f.name in STREET_PARTS):
                setattr(sa, f.name, value)
        self._fill_regions(sa.country or "US")
        self.binder.load()
        for path in self.binder.paths:
            b = self.binder.binding(path)
            b.touched = b.touched or bool(b.read())
        self.wiz.mark_changed()
        self.binder.validate()
        self._show_notes(notes or ["Done. Check each part below against your bill."])

    def _show_notes(self, notes: list[str]) -> None:
        self.ui.split_notes.setText(" ".join(notes))
        self.ui.split_notes.setVisible(bool(notes))
        self.ui.split_notes.setAccessibleDescription(" ".join(notes))

    def address_line(self) -> str:
        return escape(addr.format_address(self.wiz.order.service_address))
