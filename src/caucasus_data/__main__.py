"""`python -m caucasus_data` runs the `caucasus-data` command."""

from .cli import run

run()
