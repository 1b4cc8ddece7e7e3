"""Running one task per table, two at a time, each after the tables it needs.

Validation reads each table once, and some checks of a table need other tables read first (a reference
to a curated row, a span of an article). Tasks start as soon as what they need is done, the biggest
first; in a cycle, the first waiting task by name goes first (its checks that need the others wait for
the end).

>>> done = []
>>> results = in_order({"a": lambda: done.append("a"), "b": lambda: done.append("b")}, {"a": {"b"}}, {})
>>> done
['b', 'a']
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Any

THREADS = 2  # Arrow, numpy and hashlib let go of the GIL; the machines this runs on have two cores or more


def in_order(
    tasks: dict[str, Callable[[], Any]], after: dict[str, set[str]], size: dict[str, int], threads: int = THREADS
) -> dict[str, Any]:
    """Each task's result, by name; a task starts once the tasks named in after[name] are done."""
    waiting = sorted(tasks, key=lambda name: (-size.get(name, 0), name))
    needs = {name: after.get(name, set()) & set(tasks) - {name} for name in tasks}
    results: dict[str, Any] = {}
    running: dict = {}
    with ThreadPoolExecutor(max_workers=threads) as pool:
        while waiting or running:
            ready = [name for name in waiting if needs[name] <= results.keys()]
            if not ready and not running:
                ready = sorted(waiting)[:1]
            for name in ready[: threads - len(running)]:
                waiting.remove(name)
                running[pool.submit(tasks[name])] = name
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                results[running.pop(future)] = future.result()
    return results
