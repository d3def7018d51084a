"""Command line: the same services as the wizard, without a window.

Each sub-command lives in its own module that exposes ``register(subparsers)``; heavy
imports happen inside the command functions so ``portwizard --help`` stays instant.
Exit codes: 0 fine, 1 the order has errors (or the operation failed), 2 bad usage or an
unreadable file.
"""
from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from portwizard import __version__

if TYPE_CHECKING:  # argparse is imported by build_parser: a plain start opens the window
    import argparse

# One entry per sub-command module in this package, in the order --help lists them.
COMMANDS = [
    "validate",
    "submit",
    "status",
    "resubmit",
    "cancel",
    "token",
    "sandbox",
    "loa",
    "inspect",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report as one line on stderr (no traceback) with an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="portwizard",
        description="Move your phone numbers to a new provider. Without a command, "
                    "the wizard window opens.",
    )
    parser.add_argument("--version", action="version", version=f"portwizard {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (windows drawn off screen, "
                             "a throw-away data folder, the built-in sandbox) and exit 0 if "
                             "every step passed")
    # bench/: start the window exactly as without a command, print "ready" when it is
    # interactive (event loop idle after show) and exit; not for users.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"portwizard.cli.{name}").register(sub)
    return parser


def _start_gui() -> int:
    try:
        from portwizard.gui.app import run as run_gui
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("portwizard.gui"):
            raise
        build_parser().print_help()
        return EXIT_OK
    return run_gui(sys.argv[:1])


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    # The usual start (no command) opens the window without building the parser, which
    # imports every command's module (~10 ms of start-up); --startup-probe measures it so.
    if not words or words == ["--startup-probe"]:
        from portwizard import startup_gc

        startup_gc.hold()  # until the window lists its first page (see startup_gc)
    if not words:
        return _start_gui()
    if words == ["--startup-probe"]:
        from portwizard.probe import startup_probe

        return startup_probe()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and not (args.self_test or args.startup_probe):
        return _start_gui()
    try:
        if args.startup_probe:
            from portwizard.probe import startup_probe

            return startup_probe()
        if args.self_test:
            from portwizard import selftest

            return selftest.main()
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"portwizard {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `portwizard status | head`: the reader left early. Point stdout at devnull so the
        # interpreter's final flush does not print a traceback either.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as exc:
        # The data folder or file cannot be used (read-only, full, damaged, one damaged
        # row): the store's message is plain and says what to do; never a traceback.
        from portwizard.store import StoreError

        if not isinstance(exc, StoreError):
            raise
        print(f"portwizard {args.command}: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
