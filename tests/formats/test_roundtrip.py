"""find_problems on hand-made output and substitutions, for both readers."""

from __future__ import annotations

import pytest

from distr_secrets.formats.env_check import EnvReader
from distr_secrets.formats.roundtrip import (
    JOINT_REASON,
    OutputSyntaxError,
    Substitution,
    find_problems,
)
from distr_secrets.formats.yaml_check import YamlReader


def substitutions(text: str, *printed: str) -> list[Substitution]:
    """Locate each printed value in `text`, in order, as a one-key substitution."""
    found = []
    start = 0
    for index, value in enumerate(printed):
        start = text.index(value, start)
        found.append(
            Substitution(start, start + len(value), value, (value,), (f"K{index}",))
        )
        start += len(value)
    return found


def blamed(text: str, reader: object, *printed: str) -> list[tuple[int, str]]:
    findings = find_problems(text, substitutions(text, *printed), reader)  # type: ignore[arg-type]
    return [(finding.index, finding.reason) for finding in findings]


def test_yaml_alone_and_joint_failures() -> None:
    text = "a: yes\nflag: on\nb: fine\n"
    subs = [
        Substitution(3, 6, "yes", ("yes",), ("A",)),
        Substitution(13, 14, "o", ("o",), ("B",)),
        Substitution(14, 15, "n", ("n",), ("C",)),
        Substitution(19, 23, "fine", ("fine",), ("D",)),
    ]

    findings = find_problems(text, subs, YamlReader())

    assert [(f.index, f.reason) for f in findings] == [
        (0, "a YAML boolean"),
        (1, JOINT_REASON),
        (2, JOINT_REASON),
    ]


def test_yaml_parse_error_is_isolated() -> None:
    values = [f"ok{index}" for index in range(20)]
    values[5] = "*alias"
    values[13] = "a: b"
    text = "".join(f"k{index}: {value}\n" for index, value in enumerate(values))

    assert blamed(text, YamlReader(), *values) == [
        (5, "an alias, because the value starts with `*`"),
        (13, "a mapping, because the value contains `:` before a space or the end"),
    ]


def test_env_parse_error_is_isolated() -> None:
    values = [f"ok{index}" for index in range(12)]
    values[3] = "it's"
    text = "".join(f"K{index}='{value}'\n" for index, value in enumerate(values))

    assert blamed(text, EnvReader(), *values) == [
        (3, "the value cut at `'`, which ends the single-quoted value")
    ]


def test_shared_value_blames_the_culprit() -> None:
    text = "url: x #y-fine\n"
    subs = [
        Substitution(5, 9, "x #y", ("x #y",), ("A",)),
        Substitution(10, 14, "fine", ("fine",), ("B",)),
    ]

    findings = find_problems(text, subs, YamlReader())

    assert [(f.index, f.reason) for f in findings] == [
        (0, "the value cut at ` #`, where a comment starts")
    ]


def test_alias_copy_of_secret_is_checked() -> None:
    text = "a: &x yes\nb: *x\n"

    assert blamed(text, YamlReader(), "yes") == [(0, "a YAML boolean")]


def test_no_substitutions_still_parses() -> None:
    with pytest.raises(OutputSyntaxError) as raised:
        find_problems("a: [1\n", [], YamlReader())

    assert raised.value.line == 2


def test_placeholder_avoids_text_collisions() -> None:
    text = "zqdistr: zqdistrazq\nk: v\n"

    assert blamed(text, YamlReader(), "v") == []
