"""Compare gofmt and escape output with golden data produced by Go 1.27.

golden.json is written by tests/gofmt/gen from the cases in make_cases.py.
Cases are grouped by function and verb so that one failing group lists every
case that differs, with the whole expected and actual strings.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from distr_secrets.template import escape, gofmt
from distr_secrets.template.values import GoMap, Uint8

GOLDEN_PATH = Path(__file__).with_name("golden.json")


def decode_arg(pair: list[Any]) -> object:
    kind, value = pair
    if kind == "string":
        return value
    if kind == "bytes":
        return bytes.fromhex(value).decode("utf-8", "surrogateescape")
    if kind == "int":
        return int(value)
    if kind == "uint8":
        return Uint8(int(value))
    if kind == "float64":
        return float(value)
    if kind == "complex128":
        return complex(float(value[0]), float(value[1]))
    if kind == "bool":
        return value
    if kind == "nil":
        return None
    if kind == "map":
        return {key: decode_arg(item) for key, item in value}
    if kind == "map_any":
        entries = {key: decode_arg(item) for key, item in value}
        return GoMap(entries, "map[string]interface {}")
    raise ValueError(f"unknown argument type {kind!r} in golden data")


def expected_bytes(case: dict[str, Any]) -> bytes:
    if "expected_hex" in case:
        return bytes.fromhex(case["expected_hex"])
    return case["expected"].encode("utf-8")


def case_format(case: dict[str, Any]) -> str:
    if "format_hex" in case:
        return bytes.fromhex(case["format_hex"]).decode("utf-8", "surrogateescape")
    return case.get("format", "")


def run_case(case: dict[str, Any]) -> str:
    args = [decode_arg(pair) for pair in case["args"]]
    functions: dict[str, Callable[[Sequence[object]], str]] = {
        "sprint": gofmt.sprint,
        "sprintln": gofmt.sprintln,
        "html": escape.html_escape,
        "js": escape.js_escape,
        "urlquery": escape.urlquery_escape,
    }
    if case["func"] == "sprintf":
        return gofmt.sprintf(case_format(case), args)
    return functions[case["func"]](args)


def group_name(case: dict[str, Any]) -> str:
    """Name a group after the function and, for single-verb formats, the verb."""
    if case["func"] != "sprintf":
        return case["func"]
    format = case_format(case)
    if format.count("%") == 1 and len(format) > 1:
        return "sprintf %" + format[-1]
    return "sprintf mixed"


def load_groups() -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for case in json.loads(GOLDEN_PATH.read_text(encoding="utf-8")):
        groups[group_name(case)].append(case)
    return dict(sorted(groups.items()))


GROUPS = load_groups()


def test_golden_data_size() -> None:
    assert sum(len(cases) for cases in GROUPS.values()) >= 10_000


@pytest.mark.parametrize("name", list(GROUPS))
def test_golden_group(name: str) -> None:
    mismatches = []
    for case in GROUPS[name]:
        try:
            actual = run_case(case).encode("utf-8", "surrogateescape")
        except gofmt.UnsupportedVerb as error:
            actual = f"<UnsupportedVerb: {error}>".encode()
        expected = expected_bytes(case)
        if actual != expected:
            mismatches.append(
                f"{case['func']} format={case_format(case)!r} args={case['args']}\n"
                f"  expected {expected!r}\n"
                f"  actual   {actual!r}"
            )
    assert not mismatches, f"{len(mismatches)} cases differ:\n" + "\n".join(
        mismatches[:40]
    )


def find_go_1_27() -> str | None:
    """Return the go command when it is Go 1.27, the release the data follows."""
    go = shutil.which("go")
    if go is None:
        return None
    version = subprocess.run(
        [go, "env", "GOVERSION"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return go if version.startswith("go1.27") else None


def test_golden_file_is_current() -> None:
    go = find_go_1_27()
    if go is None:
        pytest.skip("regenerating the golden data needs Go 1.27 on PATH")
    test_dir = Path(__file__).parent
    cases = subprocess.run(
        [sys.executable, str(test_dir / "make_cases.py")],
        capture_output=True,
        check=True,
    ).stdout
    generated = subprocess.run(
        [go, "run", "."],
        input=cases,
        capture_output=True,
        check=True,
        cwd=test_dir / "gen",
        env={**os.environ, "GOTOOLCHAIN": "local"},
    ).stdout
    assert generated == GOLDEN_PATH.read_bytes()
