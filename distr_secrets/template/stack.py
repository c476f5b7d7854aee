"""Deep recursion for the recursive-descent parser and the tree walker.

Go's parser accepts 10,000 nested parentheses and its executor 100,000 nested
template invocations, which takes far more Python frames than the default
recursion limit of 1,000. Work runs on the caller's stack first. Only when it
hits the limit does it run again, on a thread with a large stack and a raised
recursion limit. Parsing and execution have no side effects outside their
own state, so running them twice gives the same result.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from distr_secrets.template.errors import LimitError

T = TypeVar("T")

# Virtual size of the worker thread's stack. Python frames live on the heap
# in Python 3.11 and later, so this is for C calls between Python frames,
# such as str() of a deeply nested node.
DEEP_STACK_BYTES = 512 * 1024 * 1024

# Python frames allowed on the worker thread. 100,000 nested templates take
# about 500,000 frames in the executor.
DEEP_RECURSION_LIMIT = 1_000_000

_limit_lock = threading.Lock()
_deep_runs = 0
_saved_limit = 0


def run_deep(function: Callable[[], T], name: str) -> T:
    """Return `function()`, rerun on a deep stack if it exceeds the recursion limit.

    Raises LimitError naming template `name` if even the deep stack is too
    shallow.
    """
    try:
        return function()
    except RecursionError:
        pass
    return _run_on_deep_thread(function, name)


def _run_on_deep_thread(function: Callable[[], T], name: str) -> T:
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except RecursionError:
            outcome["error"] = LimitError(
                f"template: {name}: template nested too deeply for this implementation"
            )
        except BaseException as error:  # noqa: BLE001 - re-raised by the caller
            outcome["error"] = error

    _raise_limit()
    try:
        previous_size = threading.stack_size(DEEP_STACK_BYTES)
        try:
            worker = threading.Thread(target=target, name="template-deep-stack")
            worker.start()
        finally:
            threading.stack_size(previous_size)
        worker.join()
    finally:
        _restore_limit()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _raise_limit() -> None:
    global _deep_runs, _saved_limit
    with _limit_lock:
        if _deep_runs == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, DEEP_RECURSION_LIMIT))
        _deep_runs += 1


def _restore_limit() -> None:
    global _deep_runs
    with _limit_lock:
        _deep_runs -= 1
        if _deep_runs == 0:
            sys.setrecursionlimit(_saved_limit)
