"""Publishing: a build killed at any moment, at each rename, or failing to write leaves data/ all old or all new;
runs that overlap take turns, and none loses or half-writes the published files."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import snapshot

from caucasus_data.pipeline import build, publish

pytestmark = pytest.mark.slow


def _edited(package: Path) -> Path:
    people = package / "curated" / "people.csv"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace("Azerbaijani presidential aide.", "Assistant to the President of Azerbaijan."), encoding="utf-8"
    )
    return package


# The acceptance runs this 20 times; a few runs here show the turns are taken.
RUNS = 6


def _whole(data: Path) -> bool:
    """Every published CSV file is the one its descriptor describes (size and hash): nothing half-written."""
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    return all(
        "sha256:" + hashlib.sha256((data / r["path"]).read_bytes()).hexdigest() == r["hash"]
        for r in descriptor["resources"]
    )


@pytest.fixture
def states(package: Path, tmp_path: Path) -> tuple[Path, dict, dict]:
    """A package with an edit not yet built, its published files before, and after a build."""
    _edited(package)
    finished = shutil.copytree(package, tmp_path / "finished")
    assert build(finished).ok
    before, after = snapshot(package), snapshot(finished)
    assert before != after
    return package, before, after


def _killed_env(tmp_path: Path) -> dict[str, str]:
    """A killed build cannot remove its scratch folders: they go under the test's own folder, not /tmp."""
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(scratch)}


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=_killed_env(tmp_path)
    )


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_kill_at_the_swap_leaves_all_old_or_all_new(states, moment, tmp_path):
    package, before, after = states
    result = _run(
        f"""
        import os
        from caucasus_data.pipeline import build, publish
        real = publish._exchange
        def exchange(a, b):
            if {moment!r} == "before":
                os._exit(137)
            done = real(a, b)
            os._exit(137 if done else 3)
        publish._exchange = exchange
        build({str(package)!r})
    """,
        tmp_path,
    )
    assert result.returncode == 137, result.stderr
    assert snapshot(package) == (before if moment == "before" else after)
    # What the killed build left (the old data/ after the swap) goes at the next run, which then has nothing to do.
    report = build(package)
    assert report.ok
    assert snapshot(package) == after
    assert not (package / publish.STAGING).exists()


@pytest.mark.parametrize("kill_after", [0, 1, 2])
def test_without_an_atomic_swap_a_kill_at_each_rename_is_undone_by_the_next_run(states, kill_after, tmp_path):
    """Where the system has no atomic swap, data/ is renamed aside and the new one into place: a kill between the
    two leaves no data/, and the next run puts the old one back before it builds."""
    package, before, after = states
    result = _run(
        f"""
        import os
        from caucasus_data.pipeline import build, publish
        publish._exchange = lambda a, b: False
        real, count = os.rename, [0]
        def rename(a, b):
            if count[0] == {kill_after}:
                os._exit(137)
            count[0] += 1
            real(a, b)
        real_publish = publish.publish
        def publish_then_kill(root, folder):
            os.rename = rename
            real_publish(root, folder)
            os._exit(137)
        publish.publish = publish_then_kill
        build({str(package)!r})
    """,
        tmp_path,
    )
    assert result.returncode == 137, result.stderr
    if kill_after == 1:  # between the two renames
        assert not (package / "data").exists() and (package / publish.ASIDE).is_dir()
        with publish.locked(package):  # what any next build or check does first
            pass
        assert snapshot(package) == before
    else:
        assert snapshot(package) == (before if kill_after == 0 else after)
    assert build(package).ok
    assert snapshot(package) == after


def test_a_kill_at_any_moment_leaves_all_old_or_all_new(states, tmp_path):
    package, before, after = states
    saved = shutil.copytree(package / "data", package.parent / "saved-data")
    command = [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - start
    outcomes = []
    for percent in random.Random(20).sample(range(5, 160), 8):
        shutil.rmtree(package / "data")
        shutil.copytree(saved, package / "data")
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_killed_env(tmp_path)
        )
        time.sleep(duration * percent / 100)
        process.kill()
        process.wait()
        with publish.locked(package):
            pass
        now = snapshot(package)
        assert now in (before, after), f"killed at {percent}% of the build: a mix of old and new files"
        outcomes.append(now == after)
    assert sum(outcomes) < len(outcomes)  # some kills landed before the publish step


def test_a_build_and_a_check_started_a_moment_apart_take_turns(states):
    """--check stages nothing where a build stages, and the lock makes the second run wait for the first."""
    package, _, after = states
    build_command = [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)]
    check_command = [*build_command, "--check"]
    for run in range(RUNS):
        shutil.rmtree(package / "data")
        shutil.copytree(package.parent / "finished" / "data", package / "data")
        (package / "curated" / "people.csv").write_text(
            (package / "curated" / "people.csv")
            .read_text(encoding="utf-8")
            .replace("Assistant to the President", f"Assistant {run} to the President"),
            encoding="utf-8",
        )
        builder = subprocess.Popen(build_command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.05 * (run % 5))
        checker = subprocess.run(check_command, capture_output=True, text=True)
        _, errors = builder.communicate()
        assert builder.returncode == 0, errors
        assert checker.returncode in (0, 1), checker.stderr
        assert "Traceback" not in errors + checker.stderr
        assert sorted(f"data/{p.name}" for p in (package / "data").iterdir()) == sorted(after)  # every file
        assert _whole(package / "data")
        assert not (package / publish.STAGING).exists()
        (package / "curated" / "people.csv").write_text(
            (package / "curated" / "people.csv")
            .read_text(encoding="utf-8")
            .replace(f"Assistant {run} to", "Assistant to"),
            encoding="utf-8",
        )


def test_two_builds_at_once_both_succeed_one_after_the_other(states):
    package, _, after = states
    command = [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    errors = [process.communicate()[1] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], errors
    assert snapshot(package) == after


def test_a_run_that_cannot_wait_any_longer_says_another_is_running(states, monkeypatch):
    package, before, _ = states
    monkeypatch.setattr(publish, "WAIT", 0.2)
    with publish.locked(package):
        report = build(package)
    assert [(f.file, f.kind) for f in report.findings] == [(publish.LOCK, "busy")]
    assert "another build or check" in report.findings[0].message
    assert snapshot(package) == before


@pytest.mark.parametrize(
    "error", [OSError(errno.ENOSPC, "No space left on device"), PermissionError(errno.EACCES, "Permission denied")]
)
def test_a_failed_write_is_one_finding_and_leaves_no_staging(states, monkeypatch, error):
    package, before, _ = states

    def fail(folder, files):
        raise error

    monkeypatch.setattr(publish, "write", fail)
    report = build(package)
    assert [(f.kind, f.row, f.field) for f in report.findings] == [("io-error", None, None)]
    assert error.strerror in report.findings[0].message
    assert snapshot(package) == before
    assert not (package / publish.STAGING).exists()


def test_a_link_in_place_of_data_is_refused(states, tmp_path):
    package, _, _ = states
    elsewhere = shutil.move(package / "data", tmp_path / "elsewhere")
    (package / "data").symlink_to(elsewhere, target_is_directory=True)
    report = build(package)
    assert [f.kind for f in report.findings] == ["io-error"]
    assert (package / "data").is_symlink()
