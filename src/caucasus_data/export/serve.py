"""Datasette on this machine's loopback: the package exported to SQLite, with its metadata, served read-only.

Needs the `serve` extra (`pip install 'caucasus-data[serve]'`). The files live in a scratch folder for the
server's lifetime.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .datasette import DATABASE, write_metadata
from .sqlite import export_sqlite

EXTRA = "serve"
HOST = "127.0.0.1"  # never another interface: the server is for the person at this machine


def datasette_command(database: Path, metadata: Path, port: int) -> list[str]:
    """The command that serves `database` (immutable: Datasette may cache it and never writes it)."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(database),
        "--metadata",
        str(metadata),
        "--host",
        HOST,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "2000",
    ]


def have_datasette() -> bool:
    from importlib.util import find_spec

    return find_spec("datasette") is not None


def prepare(folder: Path, root: str | Path | None = None) -> tuple[Path, Path]:
    """The SQLite file and its metadata, written into `folder`."""
    database = export_sqlite(folder / f"{DATABASE}.db", root)
    return database, write_metadata(folder / "metadata.json", root)


def serve(port: int = 8001, root: str | Path | None = None) -> int:
    """Export the package and run Datasette on 127.0.0.1:`port` until it is stopped; its exit code."""
    if not have_datasette():
        raise ImportError(f"serve needs datasette: pip install 'caucasus-data[{EXTRA}]'")
    with tempfile.TemporaryDirectory(prefix="caucasus-data-serve-") as scratch:
        database, metadata = prepare(Path(scratch), root)
        print(f"serving http://{HOST}:{port}/ (Ctrl-C stops it)", file=sys.stderr)
        return _run(datasette_command(database, metadata, port))


def _run(command: list[str]) -> int:
    """Run the server until it exits, or until this process is interrupted or terminated: then stop it too, so
    that no server outlives the command."""
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 130
