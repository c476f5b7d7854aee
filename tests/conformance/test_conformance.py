"""Compare the template interpreter with Go's text/template, case by case.

The expected results in data/golden.json were produced by Go 1.27 (see the
README in this folder); this test needs no Go. Strict mode must match Go
exactly: the same output, or an error of the same stage with the same
message. Lenient mode only changes templates that fail on a missing key, so
every template that Go renders must render the same way with strict=False.
"""

from __future__ import annotations

import re

import pytest

from distr_secrets import template
from distr_secrets.secret import MASK

from .build_cases import build_all_cases
from .golden import load_golden

GOLDEN = load_golden()
RENDERED = [entry for entry in GOLDEN if "output" in entry]
ERROR_CLASSES = {"parse": "ParseError", "exec": "ExecError"}


# Go formats the template name into its own format string, so a name with `%`
# garbles Go's message. These are the messages we give instead, with the name
# kept as it is; docs/templates.md lists this departure.
PERCENT_NAME_MESSAGES = {
    "name-percent-001": "template: 100%.env:1: unexpected right paren",
    "name-percent-002": (
        'template: 100%.env:1:11: executing "100%.env" at <.Secrets.NOPE>: '
        'map has no entry for key "NOPE"'
    ),
    "name-percent-003": (
        'template: %d.env:1:3: executing "%d.env" at <len 1>: '
        "error calling len: len of type int"
    ),
    "name-percent-004": "template: %s:1: unexpected EOF",
}

RANGE_OVER_VALUE = re.compile(r"(.*: range can't iterate over )(.*)", re.DOTALL)
NON_COMPARABLE_MAP = re.compile(
    r"(.*: non-comparable type )map\[.*\]"
    r"(: map\[string\](?:string|interface \{\}))",
    re.DOTALL,
)


def expected_error(entry: dict) -> str:
    """Return Go's message, with our documented departures applied.

    Where Go's message prints a secret value (ranging over a secret, comparing
    the secrets map), ours prints the mask, because no secret value may appear
    in an error message.
    """
    if entry["id"] in PERCENT_NAME_MESSAGES:
        return PERCENT_NAME_MESSAGES[entry["id"]]

    message = entry["error"]
    values = set(entry["secrets"].values())
    matched = RANGE_OVER_VALUE.fullmatch(message)
    if matched and matched.group(2) in values:
        return matched.group(1) + MASK
    matched = NON_COMPARABLE_MAP.fullmatch(message)
    if matched:
        return matched.group(1) + MASK + matched.group(2)
    return message


def case_id(entry: dict) -> str:
    return entry["id"]


def describe_difference(actual: str, expected: str) -> str:
    """Describe where two texts first differ, without a full diff.

    Some golden outputs are over 100 KB, and a full diff of those is unreadable.
    """
    position = next(
        (i for i, (a, b) in enumerate(zip(actual, expected)) if a != b),
        min(len(actual), len(expected)),
    )
    start = max(0, position - 40)
    return (
        f"first difference at character {position} "
        f"(lengths: actual {len(actual)}, expected {len(expected)})\n"
        f"actual:   {actual[start : position + 40]!r}\n"
        f"expected: {expected[start : position + 40]!r}"
    )


def assert_same_text(actual: str, expected: str, source: str) -> None:
    same = actual == expected
    shown_source = source if len(source) <= 300 else source[:300] + "..."
    assert same, f"template: {shown_source!r}\n" + describe_difference(actual, expected)


@pytest.mark.parametrize("entry", GOLDEN, ids=case_id)
def test_strict_matches_go(entry: dict) -> None:
    source, secrets, name = entry["template"], entry["secrets"], entry["name"]

    if "output" in entry:
        output = template.render(source, secrets, name=name, strict=True)
        assert_same_text(output, entry["output"], source)
        return

    with pytest.raises(template.TemplateError) as raised:
        template.render(source, secrets, name=name, strict=True)
    assert_same_text(str(raised.value), expected_error(entry), source)
    expected_class = getattr(template, ERROR_CLASSES[entry["error_kind"]])
    assert isinstance(raised.value, expected_class), type(raised.value).__name__


@pytest.mark.parametrize("entry", RENDERED, ids=case_id)
def test_lenient_matches_go_output(entry: dict) -> None:
    output = template.render(
        entry["template"], entry["secrets"], name=entry["name"], strict=False
    )
    assert_same_text(output, entry["output"], entry["template"])


# Templates that parse and run quickly enough to execute twice: long ones and
# those that recurse to Go's 100,000-call limit take seconds each.
REUSABLE = [
    entry
    for entry in GOLDEN
    if entry.get("error_kind") != "parse"
    and len(entry["template"]) <= 2000
    and "exceeded maximum template depth" not in entry.get("error", "")
]


@pytest.mark.parametrize("entry", REUSABLE, ids=case_id)
def test_parsed_template_executes_twice(entry: dict) -> None:
    # A parsed template is meant to be kept and executed many times, so no
    # state may carry over from one execution to the next.
    parsed = template.parse(entry["template"], name=entry["name"])
    for _ in range(2):
        if "output" in entry:
            output = parsed.execute(entry["secrets"], strict=True)
            assert_same_text(output, entry["output"], entry["template"])
            continue
        with pytest.raises(template.ExecError) as raised:
            parsed.execute(entry["secrets"], strict=True)
        assert_same_text(str(raised.value), expected_error(entry), entry["template"])


def test_golden_matches_case_definitions() -> None:
    # The golden file must be regenerated whenever a case changes; comparing
    # the inputs catches a hand edit or a forgotten `regenerate`.
    golden_inputs = [(e["id"], e["name"], e["template"], e["secrets"]) for e in GOLDEN]
    defined_inputs = [
        (c["id"], c["name"], c["template"], c["secrets"]) for c in build_all_cases()
    ]
    assert golden_inputs == defined_inputs


def test_golden_has_enough_cases() -> None:
    handwritten = [e for e in GOLDEN if not e["id"].startswith("random-")]
    generated = [e for e in GOLDEN if e["id"].startswith("random-")]
    assert len(handwritten) >= 400
    assert len(generated) >= 300
    assert len({e["id"] for e in GOLDEN}) == len(GOLDEN)


def test_golden_covers_both_error_stages() -> None:
    kinds = {e.get("error_kind") for e in GOLDEN}
    assert {"parse", "exec", None} <= kinds
