"""GUI test set-up: no MainWindow message box can ever wait for a click.

Every message and file dialog of the main window goes through MainWindow.inform / ask /
ask_include_pin / choose_path.
The autouse ``dialogs`` fixture replaces them for every GUI test: messages are recorded,
and questions get the answers a test queued with ``dialogs.answer(...)``. A question
nobody expected fails the test at once instead of hanging CI on a modal box, and an answer
queued but never asked for fails it at the end.
"""
from __future__ import annotations

import pytest


class Dialogs:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []   # (kind, title, text)
        self.asked: list[tuple[str, str]] = []        # (title, text)
        self._answers: list[tuple[str, object]] = []

    def answer(self, title_part: str, reply) -> None:
        """Answer the next question whose title contains title_part with reply."""
        self._answers.append((title_part, reply))

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]

    def titles(self) -> list[str]:
        return [title for _k, title, _text in self.shown]

    # the replacements
    def inform(self, window, title: str, text: str, kind: str = "information") -> None:
        self.shown.append((kind, title, text))

    def ask(self, window, title: str, text: str, buttons=None, default=None):
        return self._reply(title, text)

    def ask_include_pin(self, window):
        return self._reply("Include the PIN?", "")

    def choose_path(self, window, mode, title, start, filters):
        return self._reply(title, f"{mode} {start}")

    def _reply(self, title: str, text: str):
        self.asked.append((title, text))
        for i, (part, reply) in enumerate(self._answers):
            if part in title:
                del self._answers[i]
                return reply
        pytest.fail(f"unexpected question {title!r}: {text!r}. Queue an answer with "
                    "dialogs.answer(title_part, reply) if the test expects it.", pytrace=False)

    def unused(self) -> list[tuple[str, object]]:
        return list(self._answers)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    from portwizard.gui.app import ExceptionHook
    from portwizard.gui.dashboard.window import MainWindow

    rec = Dialogs()
    monkeypatch.setattr(MainWindow, "inform",
                        lambda self, title, text, kind="information":
                        rec.inform(self, title, text, kind))
    monkeypatch.setattr(MainWindow, "ask",
                        lambda self, title, text, buttons=None, default=None:
                        rec.ask(self, title, text, buttons, default))
    monkeypatch.setattr(MainWindow, "ask_include_pin", lambda self: rec.ask_include_pin(self))
    monkeypatch.setattr(MainWindow, "choose_path",
                        lambda self, mode, title, start, filters:
                        rec.choose_path(self, mode, title, start, filters))
    # run() installs the crash hook: its "Something went wrong" box must not block either.
    monkeypatch.setattr(ExceptionHook, "show_dialog",
                        lambda self, exc_type: rec.inform(None, "Something went wrong",
                                                          self.message(), "crash"))
    yield rec
    if rec.unused():
        pytest.fail(f"answers queued but never asked for: {rec.unused()!r}", pytrace=False)


@pytest.fixture
def services(app):
    """The application the window and the wizard are given (tests/conftest.py ``app``)."""
    return app


@pytest.fixture
def restore_hooks(monkeypatch):
    """run() installs the crash hooks and a log file handler: undo both after the test."""
    import logging
    import sys
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    before = list(logging.getLogger().handlers)
    yield
    for handler in list(logging.getLogger().handlers):
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()
