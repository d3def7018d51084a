"""The main window's order actions: open, start, resume, fix and resubmit, cancel,
duplicate, delete, export to a file and open a draft file, and what the window says when the
controller reports how one went.

:class:`OrderActions` is a mixin of :class:`~.window.MainWindow`; its questions and file
choosers go through the window's seams (:meth:`ask`, :meth:`ask_include_pin`,
:meth:`choose_path`, :meth:`inform`), which tests replace.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from portwizard.gui.dashboard.controller import ActionResult

DRAFT_FILTER = "portwizard drafts (*.pwdraft)"
JSON_FILTER = "Order document for the command line (*.json)"


class OrderActions:
    """What :class:`~.window.MainWindow` does to the selected (or a given) order."""

    # ------------------------------------------------------------------ opening
    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == "draft":
            self.resume(item_id)
        else:
            self.side.setCurrentWidget(self.detail)
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_order(self) -> Any:
        return self.sessions.open(None, None)

    def resume(self, draft_id: str):
        """Open an unfinished order in the wizard (its PIN is read on a worker)."""
        return self.sessions.resume(draft_id)

    def fix_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "order":
            self.fix_and_resubmit(chosen[1])

    def fix_and_resubmit(self, order_id: str):
        return self.sessions.fix_and_resubmit(order_id)

    def current_wizard(self) -> Any:
        return self.sessions.wizard

    # ------------------------------------------------------------------ actions
    def cancel_selected(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "order":
            self.cancel_order(chosen[1])

    def cancel_order(self, order_id: str, *, confirm: bool = True):
        if confirm:
            from PySide6.QtWidgets import QMessageBox  # (loaded when first asked)

            answer = self.ask(
                "Cancel this order?",
                "Cancel this order? Your new provider is asked to stop the transfer; your "
                "numbers stay with your current carrier and keep working. To move them later "
                "you would start a new order. Cancelling is not possible in the last 48 hours "
                "before the port date.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        self.statusBar().showMessage("Asking the provider to cancel\u2026")
        return self.controller.cancel_order(order_id)

    def duplicate_selected(self):
        chosen = self.selected()
        return self.controller.duplicate(*chosen) if chosen else None

    def delete_selected(self):
        chosen = self.selected()
        if chosen and chosen[0] == "draft":
            return self.delete_draft(chosen[1])
        return None

    def delete_draft(self, draft_id: str, *, confirm: bool = True):
        if self.sessions.is_open(draft_id):
            self.statusBar().showMessage("Close the open order before deleting it.", 8000)
            return None
        if confirm:
            from PySide6.QtWidgets import QMessageBox  # (loaded when first asked)

            answer = self.ask(
                "Delete this unfinished order?",
                "Delete this unfinished order? Everything typed into it is thrown away. This "
                "cannot be undone.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return self.controller.delete_draft(draft_id)

    def export_selected(self):
        chosen = self.selected()
        return self.export_item(chosen[1]) if chosen else None

    def export_item(self, item_id: str, path: str | Path | None = None,
                    include_pin: bool | None = None):
        """Save a draft as a .pwdraft file (or any order as an order document)."""
        row = self.model.row_at(self.model.row_of(item_id))
        is_draft = bool(row and row.is_draft)
        if path is None:
            from portwizard.gui.dashboard.panels import safe_file_stem

            stem = safe_file_stem(row.title if row else "port order")
            suffix, filters = ((".pwdraft", f"{DRAFT_FILTER};;{JSON_FILTER}") if is_draft
                               else (".json", JSON_FILTER))
            path = self.choose_path("save", "Export order", str(Path.home() / (stem + suffix)),
                                    filters)
            if not path:
                return None
        path = Path(path)
        if is_draft and path.suffix.lower() != ".json":
            if path.suffix.lower() != ".pwdraft":
                path = path.with_name(path.name + ".pwdraft")
            self.sessions.flush(item_id)
            if include_pin is None:
                include_pin = self.ask_include_pin()
                if include_pin is None:
                    return None
            return self.controller.export_draft_file(item_id, path, include_pin)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self.controller.export_json(item_id, path)

    def open_draft_file(self, path: str | Path | None = None):
        if path is None:
            path = self.choose_path("open", "Open draft file", str(Path.home()),
                                    DRAFT_FILTER + ";;All files (*)")
            if not path:
                return None
        return self.controller.import_draft_file(path)

    def _action_finished(self, result: ActionResult) -> None:
        if result.action == "import" and result.ok:
            self.statusBar().showMessage(result.message, 10000)
            if result.notes:
                self.inform("Draft opened, with notes", result.notes)
            self.resume(result.item_id)
            return
        if result.action == "duplicate" and result.ok:
            self._wanted_id = result.item_id
        if result.ok:
            self.statusBar().showMessage(result.message, 10000)
        else:
            titles = {"cancel": "The order was not cancelled", "export": "Nothing was saved",
                      "import": "The draft file cannot be opened",
                      "delete": "Nothing was deleted", "duplicate": "No copy was made"}
            self.statusBar().clearMessage()
            self.inform(titles.get(result.action, "That did not work"), result.message, "warning")
