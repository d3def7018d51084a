"""The main window's messages and questions, and the password-storage warnings built on them.

Every message box and file chooser goes through :meth:`Messages.inform`, :meth:`Messages.ask`,
:meth:`Messages.choose_path` and :meth:`Messages.ask_include_pin`, so tests (and an embedding
program) replace them on :class:`~.window.MainWindow` instead of waiting on a modal box.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from portwizard import secrets as _secrets
from portwizard.gui.workers import run_task

if TYPE_CHECKING:  # (message boxes and file choosers are loaded when first shown)
    from PySide6.QtWidgets import QMessageBox


class Messages:
    """A mixin of :class:`~.window.MainWindow`: what it tells and asks the user."""

    # ------------------------------------------------------------------ messages
    # Every message box and file dialog goes through these methods, so tests (and an
    # embedding program) replace them instead of waiting on a modal box.
    def inform(self, title: str, text: str, kind: str = "information") -> None:
        """Tell the user something; kind is information, warning, critical or about."""
        from PySide6.QtWidgets import QMessageBox

        if kind == "about":
            QMessageBox.about(self, title, text)
            return
        show = {"warning": QMessageBox.warning, "critical": QMessageBox.critical}.get(
            kind, QMessageBox.information)
        show(self, title, text)

    def ask(self, title: str, text: str, buttons: QMessageBox.StandardButton,
            default: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
        """Ask a question (the question is in ``text``: macOS shows no titles); ``default``:
        the button Enter presses (none when not given)."""
        from PySide6.QtWidgets import QMessageBox

        if default is None:
            default = QMessageBox.StandardButton.NoButton
        return QMessageBox.question(self, title, text, buttons, default)

    def choose_path(self, mode: str, title: str, start: str, filters: str) -> str:
        """A file to save to (mode "save") or to open ("open"); "" when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        pick = QFileDialog.getSaveFileName if mode == "save" else QFileDialog.getOpenFileName
        path, _ = pick(self, title, start, filters)
        return path

    def ask_include_pin(self) -> bool | None:
        """Exporting a draft file: put the carrier PIN in it? None when cancelled."""
        from PySide6.QtWidgets import QCheckBox, QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Include the PIN?",
                          "Include the PIN in the file? Anyone who gets the file can read it. "
                          "Leave the PIN out unless you are sure.", parent=self)
        check = QCheckBox("&Include the PIN in the file")
        box.setCheckBox(check)
        box.setStandardButtons(QMessageBox.StandardButton.Save
                               | QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Save:
            return None
        return check.isChecked()

    # ------------------------------------------------------------------ password storage
    def check_password_storage(self) -> None:
        """Ask (on a worker: a keyring may be slow) whether PINs can be kept; if not, the
        banner says so for as long as the window is open."""
        known = self.app.store.secret_problem
        if known:
            self._show_storage_problem(known)
            return
        run_task(_secrets.storage_problem, self.app.store.secrets,
                 on_result=lambda problem: problem and self._show_storage_problem(problem))

    def _show_storage_problem(self, problem: str) -> None:
        self.secrets_banner.setText(_secrets.no_storage_message(problem))
        self.secrets_banner.show()

    def _pins_may_be_lost(self) -> bool:
        """True when closing would lose a PIN kept only in this session and the user chose
        not to close."""
        kept = self.app.store.session_only_secrets()
        if not kept:
            return False
        from PySide6.QtWidgets import QMessageBox

        n = len(kept)
        answer = self.ask(
            "Close and lose the PIN?",
            f"{_secrets.NO_STORAGE_TEXT}\n\n{n} PIN{'s' if n != 1 else ''} typed in this "
            "session will be lost if portwizard closes now: an unfinished order, or an order "
            "that has to be sent (or sent again after a rejection), will ask for it again. "
            "Close anyway?",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer != QMessageBox.StandardButton.Close
