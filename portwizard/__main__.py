from portwizard.cli import main

raise SystemExit(main())
