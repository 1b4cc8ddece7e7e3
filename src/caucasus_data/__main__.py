"""`python -m caucasus_data` runs the `caucasus-data` command."""

from .cli import main

raise SystemExit(main())
