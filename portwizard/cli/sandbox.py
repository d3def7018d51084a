"""``portwizard sandbox [--port N] [--faults RATE] [--seconds-per-day S]``: run the built-in
sandbox provider in the foreground until Ctrl+C."""
from __future__ import annotations


def register(sub) -> None:
    from portwizard.endpoint import SANDBOX_DB_NAME  # cheap: no server code

    p = sub.add_parser(
        "sandbox", help="run the built-in practice provider on this computer",
        description="Run the sandbox provider: a practice version of the porting API on "
                    "this computer (127.0.0.1). Orders move through the whole lifecycle on a "
                    "fast clock; certain data triggers a rejection on purpose (see README). "
                    "Stop it with Ctrl+C.")
    p.add_argument("--port", type=int, default=8765,
                   help="port to listen on (default 8765; 0 picks a free one)")
    p.add_argument("--faults", type=float, default=0.0, metavar="RATE",
                   help="fraction of requests (0 to 1) that get a simulated network or server "
                        "fault, for testing retries (default 0)")
    p.add_argument("--seconds-per-day", type=float, default=2.0, metavar="S",
                   help="real seconds per simulated day (default 2)")
    p.add_argument("--fault-delay", type=float, default=21.0, metavar="S",
                   help="how long a 'slow' fault holds the answer (default 21 s, just past the "
                        "client's read timeout)")
    p.add_argument("--seed", type=int, default=1, help="seed for the fault sequence (default 1)")
    p.add_argument("--db", metavar="FILE",
                   help=f"file that keeps the sandbox's orders (default: {SANDBOX_DB_NAME} in "
                        "portwizard's data folder: PORTWIZARD_HOME/data when PORTWIZARD_HOME is "
                        "set, else your user data folder; the full path is printed at start). "
                        "It is the same file the wizard's built-in sandbox uses, so orders "
                        "placed against either are seen by both.")
    p.set_defaults(func=run)


def run(args) -> int:
    import signal
    import threading

    from portwizard.cli import CliError

    if not 0.0 <= args.faults <= 1.0:
        raise CliError("--faults must be between 0 and 1, e.g. --faults 0.3 for 30%")
    if args.seconds_per_day <= 0:
        raise CliError("--seconds-per-day must be more than 0, e.g. --seconds-per-day 2")
    if not 0 <= args.port <= 65535:
        raise CliError("--port must be between 0 and 65535")

    from pathlib import Path

    from portwizard.endpoint.sandbox import SANDBOX_TOKEN, Sandbox
    from portwizard.services.connection import builtin_sandbox_db

    db = Path(args.db) if args.db else builtin_sandbox_db()
    sandbox = Sandbox(db, port=args.port, seconds_per_day=args.seconds_per_day,
                      fault_rate=args.faults, fault_seed=args.seed,
                      fault_delay=args.fault_delay)
    try:
        url = sandbox.start()
    except OSError as exc:
        raise CliError(f"cannot listen on port {args.port} ({exc.strerror or exc}); "
                       "choose another with --port, or --port 0 for any free port", 1) from None
    stop = threading.Event()

    def _on_signal(signum, frame):
        stop.set()

    previous = {}
    for name in ("SIGINT", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _on_signal)
    try:
        print(f"Sandbox provider running at {url}", flush=True)
        print(f"Access token: {SANDBOX_TOKEN} (public; only the sandbox accepts it)")
        print(f"Database: {db}")
        print(f"One simulated day = {args.seconds_per_day:g} s; faults: {args.faults:.0%}")
        print("Press Ctrl+C to stop.", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sandbox.stop()
    print("Sandbox stopped.", flush=True)
    return 0
