"""The kill test: SIGKILL the real app at random moments while a driver types into the wizard
and submits, then check what survived.

    python bench/bench_kill.py [--trials 50] [--seed 1] [--aim-at-send 0.3]

A sandbox provider runs in this process on loopback (it outlives every kill and counts the
orders really filed). Each trial starts a child process that opens the real portwizard
(``portwizard.gui.app.run``: single-instance guard, store, main window, the background
refresh that sends what a killed run left queued) offscreen on one shared data folder,
opens a new order in the wizard, types the business name key by key (QTest) and presses
the submit page's send, printing what it did with times. The child is killed (SIGKILL) at a
random moment. After each kill: the store must open, this trial's draft must hold every
keystroke made more than ``--allowed-loss`` seconds before the kill (or the order must be
filed), and no number may be in two orders. At the end the app is started once more to send
what waits, and every local order must be at the provider exactly once.

Prints the figures; exit code 1 if any check failed. Linux/macOS (SIGKILL).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "kill-bench-token-0123456789abcdef"  # fake, for the loopback sandbox only
PIN = "7391"
TYPE_EVERY_S = 0.03
SLOW_CREATE_S = 0.3  # how long the sandbox takes over a create


def name_of(trial: int) -> str:
    return f"T{trial:03d} Bright Smile Family Dental of Springfield"


def number_of(trial: int) -> str:
    return f"+1212555{2000 + trial:04d}"


class FileSecretStore:
    """The OS keyring stand-in for the children: a JSON file replaced atomically, so the
    PINs of orders queued by a killed run are there for the next run (as in a keyring)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def _write(self, data: dict) -> None:
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self.path)

    def get(self, key: str):
        with self._lock:
            return self._read().get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            data = self._read()
            data[key] = value
            self._write(data)

    def delete(self, key: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)


# --------------------------------------------------------------------------- the child


def driver(home: Path, trial: int, send: bool) -> None:
    """Runs in the child: the real app, a wizard, typing, submitting."""
    os.environ["PORTWIZARD_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from portwizard import secrets

    secrets.install_secret_store(FileSecretStore(home / "secrets.json"))
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from portwizard.domain.order import Order
    from portwizard.flow import Step
    from portwizard.gui.app import run

    def say(*words) -> None:
        print(*words, f"{time.time():.4f}", flush=True)

    if run([], exec_loop=False) != 0:
        say("refused")
        return
    qapp = QApplication.instance()
    window = qapp._portwizard_window
    order = Order(numbers=[number_of(trial)])
    order.target.account_id, order.target.line_id = "SBX-1001", "L-100"
    c = order.carrier
    c.name, c.account_type, c.number_type = "Verizon", "single-line", "business-local"
    c.authorized_name, c.account_number, c.btn, c.pin = "Pat Smith", "8812345001", number_of(trial), PIN
    a = order.service_address
    a.street_number, a.pre_direction, a.street_name = "100", "N", "Main"
    a.city, a.state, a.postal_code, a.country = "New York", "NY", "10001", "US"
    order.contact.name, order.contact.email, order.contact.phone = (
        "Pat Smith", "pat@example.com", "+12125550150")
    order.documents.loa = str(home / "documents" / f"loa-{trial}.pdf")
    order.documents.invoice = str(home / "documents" / f"invoice-{trial}.pdf")
    wizard = window.sessions.open(order, None)
    wizard.goto_step(Step.ACCOUNT)
    field = wizard.page_for(Step.ACCOUNT).findChild(QWidget, "carrier.customer_name")
    field.setFocus()
    say("ready")
    text = name_of(trial)
    for i, char in enumerate(text, 1):
        QTest.keyClick(field, char)
        say("typed", i)
        QTest.qWait(int(TYPE_EVERY_S * 1000))
    if not send:
        QTest.qWait(60_000)
        return
    page = wizard.page_for(Step.SUBMIT)
    say("submitting")
    page.send()
    while page.sending():
        QTest.qWait(10)
    say("submitted", wizard.submitted_order_id or "-")
    QTest.qWait(60_000)  # until killed


# --------------------------------------------------------------------------- the parent


def _documents(home: Path, trials: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from orderkit import make_pdf

    for trial in range(trials):
        make_pdf(home / "documents" / f"loa-{trial}.pdf", "Letter of Authorization",
                 name_of(trial))
        make_pdf(home / "documents" / f"invoice-{trial}.pdf", "Invoice", name_of(trial))


def _slow_creates(creating: threading.Event):
    """The sandbox's handler, taking SLOW_CREATE_S over each create (a provider that is
    slow to answer), and telling when a create arrived."""
    from portwizard.endpoint import sandbox as sandbox_module

    class Handler(sandbox_module._Handler):
        def do_POST(self):
            if self.path.rstrip("/") == "/v1/port-orders":
                creating.set()
                time.sleep(SLOW_CREATE_S)
            super().do_POST()

    return Handler


def run_trials(trials: int, seed: int = 1, *, allowed_loss: float = 1.0,
               kill_window: float = 3.5, aim_at_send: float = 0.0,
               workdir: Path | None = None, log=print) -> dict:
    from portwizard.endpoint import Sandbox
    from portwizard.settings import Settings
    from portwizard.store import Store

    rng = random.Random(seed)
    own_dir = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="pw-kill-")) if own_dir else Path(workdir)
    home = workdir / "home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    _documents(home, trials)
    problems: list[str] = []
    losses: list[float] = []
    figures = {"trials": trials, "killed_typing": 0,
               "killed_sending": 0, "killed_after_sent": 0, "drafts_checked": 0}
    with Sandbox(workdir / "sandbox.db", seconds_per_day=3600.0, token=TOKEN) as sandbox:
        creating = threading.Event()  # a create request has reached the provider
        sandbox._server.RequestHandlerClass = _slow_creates(creating)
        Settings(provider="portwizard", endpoint_url=sandbox.url).save(
            home / "config" / "settings.json")
        secret_file = FileSecretStore(home / "secrets.json")
        from portwizard import secrets

        secret_file.set(secrets.provider_token_key("portwizard", sandbox.url), TOKEN)
        env = {**os.environ, "PORTWIZARD_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        submitted: dict[int, str] = {}
        started = time.monotonic()
        for trial in range(trials):
            child = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--driver", str(home),
                 "--trial", str(trial)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True)
            lines: list[tuple[str, float]] = []

            def read(out=child.stdout, into=lines) -> None:
                for line in out:
                    into.append((line.strip(), time.time()))

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            deadline = time.monotonic() + 60
            while not any(w.startswith("ready") for w, _ in lines) and child.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.01)
            if not any(w.startswith("ready") for w, _ in lines):
                child.kill()
                child.wait()
                problems.append(f"trial {trial}: the app did not start ({lines[-3:]})")
                continue
            # kill at a random moment: while typing, sending, or after; an aimed trial is
            # killed while the provider is working on its create (mid-send)
            creating.clear()
            if rng.random() < aim_at_send:
                creating.wait(max(0.0, deadline - time.monotonic()))
                time.sleep(rng.uniform(0.0, SLOW_CREATE_S))
            else:
                time.sleep(rng.uniform(0.0, kill_window))
            killed_at = time.time()
            child.send_signal(signal.SIGKILL)
            child.wait(30)
            reader.join(5)
            # (the last line may be cut off by the kill: only whole lines count)
            words = [w.split() for w, _ in lines]
            typed_at = {int(w[1]): float(w[2]) for w in words
                        if len(w) == 3 and w[0] == "typed" and "." in w[2]}
            sent = [w[1] for w in words if len(w) == 3 and w[0] == "submitted"]
            if sent and sent[0] != "-":
                submitted[trial] = sent[0]
                figures["killed_after_sent"] += 1
            elif any(w and w[0] == "submitting" for w in words):
                figures["killed_sending"] += 1
            else:
                figures["killed_typing"] += 1
            # 1. the store opens
            try:
                store = Store(home / "data" / "portwizard.sqlite3", secrets=secret_file)
            except Exception as exc:  # noqa: BLE001 - what the bench measures
                problems.append(f"trial {trial}: the store does not open: {exc}")
                continue
            try:
                number = number_of(trial)
                orders = [o for o in store.list_orders() if number in o.order.numbers]
                in_open = [r for r in store.order_numbers() if r[2] == number]
                if len(orders) > 1 or len(in_open) > 1:
                    problems.append(f"trial {trial}: {len(orders)} local orders for one number")
                if trial in submitted and not orders:
                    problems.append(f"trial {trial}: order {submitted[trial]} was lost")
                if not orders:
                    # 2. the draft holds every keystroke made allowed_loss s before the kill
                    text = name_of(trial)
                    must = max([n for n, t in typed_at.items() if t <= killed_at - allowed_loss],
                               default=0)
                    drafts = [store.load_draft(d.id) for d in store.list_drafts()]
                    mine = [d.carrier.customer_name for d in drafts
                            if number in d.numbers]
                    saved = max((len(n) for n in mine if text.startswith(n)), default=0)
                    if mine and not any(text.startswith(n) for n in mine):
                        problems.append(f"trial {trial}: the draft holds {mine!r}")
                    if saved < must:
                        problems.append(f"trial {trial}: {must - saved} keystrokes older than "
                                        f"{allowed_loss} s lost")
                    typed = max(typed_at, default=0)
                    if typed > saved:  # seconds of typing lost
                        losses.append(killed_at - typed_at[saved + 1])
                    else:
                        losses.append(0.0)
                    figures["drafts_checked"] += 1
            finally:
                store.close()
            log(f"trial {trial}: killed {'after sending' if trial in submitted else ''}"
                f"{len(typed_at)} keys typed; problems so far {len(problems)}")
        figures["trial_seconds"] = round((time.monotonic() - started) / max(1, trials), 2)

        # 3. the next start sends what the killed runs left queued: exactly once each
        from portwizard.services.app import App

        app = App.create(home, secrets=secret_file)
        try:
            for _ in range(5):
                report = app.sync(retry_blocked=True)
                if report.remaining == 0:
                    break
                time.sleep(0.5)
            local = app.store.list_orders()
            unsent = [o.id for o in local if not o.remote_id]
            remote_ids = [o.remote_id for o in local if o.remote_id]
            figures["local_orders"] = len(local)
            figures["provider_orders"] = sandbox.created_count()
            if unsent:
                problems.append(f"orders never sent: {unsent}")
            if len(set(remote_ids)) != len(remote_ids):
                problems.append("two local orders share one provider order")
            if sandbox.created_count() != len(local):
                problems.append(f"the provider has {sandbox.created_count()} orders for "
                                f"{len(local)} local ones")
        finally:
            app.close()
    figures["lost_typing_s_max"] = round(max(losses), 3) if losses else 0.0
    figures["lost_typing_s_median"] = round(statistics.median(losses), 3) if losses else 0.0
    figures["problems"] = problems
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--allowed-loss", type=float, default=1.0)
    parser.add_argument("--aim-at-send", type=float, default=0.0, metavar="FRACTION",
                        help="this fraction of the kills comes while the provider is "
                             "working on the create (mid-send)")
    parser.add_argument("--driver", help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-send", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        driver(Path(args.driver), args.trial, not args.no_send)
        return 0
    figures = run_trials(args.trials, args.seed, allowed_loss=args.allowed_loss,
                         aim_at_send=args.aim_at_send)
    for key, value in figures.items():
        if key != "problems":
            print(f"{key:>22}: {value}")
    for problem in figures["problems"]:
        print("PROBLEM:", problem)
    print("OK" if not figures["problems"] else f"{len(figures['problems'])} problem(s)")
    return 1 if figures["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
