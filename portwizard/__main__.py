import multiprocessing

from portwizard.cli import main

if __name__ == "__main__":
    # Document inspection reads attachments in a child process that can be killed when a
    # hostile file hangs the reader. In a frozen (PyInstaller) build that child is this same
    # executable; freeze_support() makes it run the child's job instead of the program.
    multiprocessing.freeze_support()
    raise SystemExit(main())
