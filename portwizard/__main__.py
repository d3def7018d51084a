import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--document-worker"]:
        # Reading an attachment in a child process (portwizard.documents.worker.WORKER_FLAG):
        # nothing of the program is loaded, only the reader.
        from portwizard.documents.worker import child_main

        child_main()
        raise SystemExit(0)
    from portwizard.cli import main

    raise SystemExit(main())
