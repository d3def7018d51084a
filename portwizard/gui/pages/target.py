"""Step 3: where the numbers go at the new provider (a line or sub-account).

The list comes from the endpoint (``list_targets``) in a worker thread and is cached in the
data folder, so a user drafting offline still sees the lines they had last time (and is told
that the list may be out of date)."""
from __future__ import annotations

import json
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from portwizard import flow
from portwizard.domain.phone import format_display
from portwizard.gui.pages.base import StepPage, alive
from portwizard.gui.ui.ui_target import Ui_TargetPage

NEW_SUB_ACCOUNT = "__new__"
CACHE_NAME = "targets-cache.json"


def _cache_path():
    from portwizard.paths import data_dir

    return data_dir() / CACHE_NAME


def load_cached_targets(endpoint: str) -> tuple[list[dict], float | None]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
        entry = data.get(endpoint) or {}
        targets = [t for t in entry.get("targets", []) if isinstance(t, dict)]
        return targets, entry.get("saved_at")
    except (OSError, ValueError, AttributeError):
        return [], None


def save_cached_targets(endpoint: str, targets: list[dict]) -> None:
    path = _cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[endpoint] = {"saved_at": time.time(), "targets": targets}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)


def saved_when(saved_at: float | None) -> str:
    """When the cached list was saved, for a sentence: "earlier (Today, 3:05 PM)"."""
    if not isinstance(saved_at, (int, float)):
        return "earlier"
    import datetime as _dt

    from portwizard.gui.timetext import moment_text

    stamp = _dt.datetime.fromtimestamp(saved_at, _dt.timezone.utc).isoformat()
    return f"earlier ({moment_text(stamp, clock_on_older=True)})"


def target_text(t: dict) -> str:
    label = t.get("label") or t.get("line_id") or t.get("account_id") or "Line"
    kind = "Sub-account" if t.get("kind") == "sub-account" else "Line"
    nums = [format_display(n) or n for n in t.get("numbers", [])[:3]]
    more = len(t.get("numbers", [])) - len(nums)
    text = f"{kind}: {label}"
    if nums:
        text += " — " + ", ".join(nums) + (f" and {more} more" if more > 0 else "")
    return text


class TargetPage(StepPage):
    step = flow.Step.TARGET
    ui_class = Ui_TargetPage
    def setup(self) -> None:
        ui = self.ui
        self.targets: list[dict] = []
        self._fetch = None
        self.loaded_from = ""  # "endpoint" | "cache" | ""
        self._new_selected = False
        lst = ui.target
        lst.setObjectName("target")
        self.binder.bind_custom(lst, "target.account_id", self._read_choice, lambda _v: self._select_current())
        self.binder.bind(ui.target__label)
        lst.setSpacing(3)
        # Qt makes the first row current when the list gets focus; that is not a choice.
        # A choice is a click, Enter/Space, or moving from one row to another with the keys.
        lst.currentItemChanged.connect(self._current_moved)
        lst.itemClicked.connect(self._picked)
        lst.itemActivated.connect(self._picked)
        ui.refresh_targets.clicked.connect(self.fetch)

    # ------------------------------------------------------------------ list
    def on_enter(self) -> None:
        if not self.targets:
            endpoint = self._endpoint()
            cached, _ = load_cached_targets(endpoint)
            if cached:
                self._fill(cached)
            self.fetch()
        self._update_label_row()

    def _endpoint(self) -> str:
        return getattr(self.wiz.services, "endpoint", "") or "offline"

    def fetch(self) -> None:
        services = self.wiz.services
        if services is None:
            self._offline("There is no connection to a provider set up.")
            return
        if self._fetch is not None and not self._fetch.done:
            return
        from portwizard.gui.workers import run_task

        self.ui.targets_status.setText("Getting your lines from the provider…")
        self.ui.refresh_targets.setEnabled(False)
        self._fetch = run_task(lambda: services.endpoint_client().list_targets(),
                               on_result=self._fetched, on_error=self._failed)

    @alive
    def _fetched(self, targets: Any) -> None:
        self.ui.refresh_targets.setEnabled(True)
        targets = [t for t in (targets or []) if isinstance(t, dict)]
        try:
            save_cached_targets(self._endpoint(), targets)
        except OSError:
            pass
        self.loaded_from = "endpoint"
        self._fill(targets)
        self.ui.targets_status.setText(
            f"{len(targets)} line{'s' if len(targets) != 1 else ''} or sub-account"
            f"{'s' if len(targets) != 1 else ''} found at your provider."
            if targets else "Your provider has no lines for you yet: choose a new sub-account.")

    @alive
    def _failed(self, exc: BaseException) -> None:
        self.ui.refresh_targets.setEnabled(True)
        self._offline(str(exc) or "The provider could not be reached.")

    def _offline(self, why: str) -> None:
        cached, saved_at = load_cached_targets(self._endpoint())
        if cached:
            self.loaded_from = "cache"
            self._fill(cached)
            self.ui.targets_status.setText(
                f"You are offline, so this is the list saved {saved_when(saved_at)}; it may be "
                f"out of date. ({why}) Press Reload list when you are back online.")
        else:
            self._fill([])
            self.ui.targets_status.setText(
                f"The list of your lines could not be loaded. ({why}) You can still choose a new "
                "sub-account, or press Reload list when you are back online.")

    def _fill(self, targets: list[dict]) -> None:
        self.targets = targets
        lst = self.ui.target
        lst.blockSignals(True)
        lst.clear()
        tgt = self.wiz.order.target
        if tgt.account_id and not any(t.get("account_id") == tgt.account_id and
                                      (t.get("line_id") or "") == tgt.line_id for t in targets):
            # the saved choice, even when the list could not be loaded
            targets = [{"account_id": tgt.account_id, "line_id": tgt.line_id,
                        "label": (tgt.label or tgt.line_id or tgt.account_id) + " (your earlier choice)",
                        "kind": "line" if tgt.line_id else "sub-account"}, *targets]
        for t in targets:
            item = QListWidgetItem(target_text(t))
            item.setData(Qt.ItemDataRole.UserRole, t)
            lst.addItem(item)
        new = QListWidgetItem("New sub-account…")
        new.setData(Qt.ItemDataRole.UserRole, NEW_SUB_ACCOUNT)
        lst.addItem(new)
        lst.blockSignals(False)
        self._select_current()

    def _select_current(self) -> None:
        tgt = self.wiz.order.target
        lst = self.ui.target
        lst.blockSignals(True)
        try:
            lst.setCurrentRow(-1)
            for i in range(lst.count()):
                data = lst.item(i).data(Qt.ItemDataRole.UserRole)
                if data == NEW_SUB_ACCOUNT:
                    if self._is_new(tgt):
                        lst.setCurrentRow(i)
                elif (data.get("account_id", "") == tgt.account_id
                      and data.get("line_id", "") == tgt.line_id and tgt.account_id):
                    lst.setCurrentRow(i)
        finally:
            lst.blockSignals(False)
        self._update_label_row()

    def _is_new(self, tgt) -> bool:
        """A new sub-account has no id yet, only the name the user gives it."""
        return not tgt.account_id and (bool(tgt.label) or self._new_selected)

    def _read_choice(self) -> str:
        return self.wiz.order.target.account_id

    def _current_moved(self, current, previous) -> None:
        if previous is not None:
            self._choice_changed(current)

    def _picked(self, item) -> None:
        self._choice_changed(item)

    def _choice_changed(self, current) -> None:
        if current is None:
            return
        data = current.data(Qt.ItemDataRole.UserRole)
        tgt = self.wiz.order.target
        if data == NEW_SUB_ACCOUNT:
            self._new_selected = True
            if tgt.account_id:
                tgt.account_id, tgt.line_id, tgt.label = "", "", ""
        else:
            self._new_selected = False
            tgt.account_id = str(data.get("account_id", ""))
            tgt.line_id = str(data.get("line_id", "") or "")
            tgt.label = str(data.get("label", "") or "")
        self.binder.load()
        self._update_label_row()
        self.binder.notify_changed("target.account_id", now=True)

    def choose(self, index: int) -> None:
        """Choose row ``index`` as a click would."""
        item = self.ui.target.item(index)
        self.ui.target.setCurrentItem(item)
        self._picked(item)

    def choose_new(self) -> None:
        self.choose(self.ui.target.count() - 1)

    def _update_label_row(self) -> None:
        new = self._is_new(self.wiz.order.target)
        self.ui.form.setRowVisible(0, new)
