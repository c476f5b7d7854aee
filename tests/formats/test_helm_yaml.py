"""Plain-scalar resolution as go-yaml v2 does it, and scalar positions from PyYAML."""

from __future__ import annotations

import pytest

from distr_secrets.formats.helm_yaml import (
    YamlSyntaxError,
    go_yaml_v2_kind,
    parse_yaml,
    resolved_kind,
)

GO_YAML_V2 = [
    # Booleans of YAML 1.1 that go-yaml v2 keeps and PyYAML partly does not.
    ("y", "boolean"),
    ("Y", "boolean"),
    ("n", "boolean"),
    ("N", "boolean"),
    ("yes", "boolean"),
    ("Yes", "boolean"),
    ("YES", "boolean"),
    ("no", "boolean"),
    ("on", "boolean"),
    ("On", "boolean"),
    ("OFF", "boolean"),
    ("true", "boolean"),
    ("FALSE", "boolean"),
    ("yEs", None),
    ("~", "null"),
    ("null", "null"),
    ("Null", "null"),
    ("", "null"),
    ("nULL", None),
    ("0123", "integer"),
    ("0x1F", "integer"),
    ("0o17", "integer"),
    ("0b101", "integer"),
    ("-42", "integer"),
    ("+7", "integer"),
    ("1_000", "integer"),
    ("99999999999999999999999", "integer"),
    ("089", "float"),
    ("1e3", "float"),
    ("1.5", "float"),
    ("1.", "float"),
    (".5", "float"),
    (".inf", "float"),
    ("-.Inf", "float"),
    ("+.INF", "float"),
    (".NaN", "float"),
    (".nAn", None),
    ("2001-12-14", "timestamp"),
    ("2001-12-14T21:59:43.10Z", "timestamp"),
    ("2001-12-14 21:59:43.10", "timestamp"),
    ("1-2", None),
    ("0x", None),
    ("12abc", None),
    ("<<", None),
    ("password", None),
]


@pytest.mark.parametrize(("plain", "kind"), GO_YAML_V2)
def test_go_yaml_v2_resolution(plain: str, kind: str | None) -> None:
    assert go_yaml_v2_kind(plain) == kind


RESOLVED = [
    ("key: y\n", "boolean"),
    ("key: 1e3\n", "float"),
    ("key: 1:20\n", "integer"),
    ("key: =\n", "value key"),
    ("key: <<\n", "merge key"),
    ("key: !!int 5\n", "integer"),
    ('key: !!int "5"\n', "integer"),
    ("key: !custom x\n", "tagged value"),
    ('key: "yes"\n', None),
    ("key: 'on'\n", None),
    ("key: |\n  yes\n", None),
    ("key: !!str yes\n", "boolean"),
    ("key: plain words\n", None),
]


@pytest.mark.parametrize(("text", "kind"), RESOLVED)
def test_resolved_kind(text: str, kind: str | None) -> None:
    """Plain scalars use go-yaml v2 and PyYAML; `!!str yes` is still reported."""
    scalar = parse_yaml(text).scalars[1]

    assert resolved_kind(scalar) == kind


def test_scalars_have_positions_and_paths() -> None:
    text = "\ufeffa:\r\n  - 'x'\r\n  - {b: \"c\"}\r\n"

    document = parse_yaml(text)

    found = [
        (s.path, text[s.start : s.end], s.style, s.value) for s in document.scalars
    ]
    assert found == [
        ((0, ("key", 0)), "a", "", "a"),
        ((0, 0, 0), "'x'", "'", "x"),
        ((0, 0, 1, ("key", 0)), "b", "", "b"),
        ((0, 0, 1, 0), '"c"', '"', "c"),
    ]


def test_alias_repeats_anchored_scalar() -> None:
    document = parse_yaml("a: &x v\nb: *x\n")

    assert [s.path for s in document.scalars if s.value == "v"] == [(0, 0), (0, 1)]


def test_syntax_error_names_line() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nb: [2\n")

    assert raised.value.line == 3
    assert raised.value.problem == "expected ',' or ']', but got '<stream end>'"


def test_control_character_error_hides_text() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: secret\x01\n")

    assert str(raised.value) == "line 1: a character YAML does not allow"
