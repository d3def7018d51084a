import sys

from portwizard.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Document inspection reads attachments in a child process that can be killed when a
        # hostile file hangs the reader. In a frozen (PyInstaller) build that child is this
        # same executable; freeze_support() makes it run the child's job instead of the
        # program (`portwizard --self-test` checks it). From source the child is a plain
        # interpreter, so multiprocessing is not imported on the way to the window.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
