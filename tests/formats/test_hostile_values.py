"""Hostile secret values rendered into .env and values YAML: intact or rejected.

Each value is rendered with the plain action and with the safe patterns. A render
that succeeds is parsed again as the consumer reads it and must give back the
value exactly. A render that fails must give the whole expected message.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import yaml

from distr_secrets.formats.compose_env import resolve_env
from distr_secrets.formats.helm_yaml import go_yaml_v2_kind, parse_yaml
from distr_secrets.rendering import FormatCheckError, render_document

PEM = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIBVwIBADANBgkqhkiG9w0BAQEFAASCAUEwggE9AgEAAkEA\n"
    "-----END PRIVATE KEY-----\n"
)

OK = None

PRINTF = (
    'write {{ printf "%q" .Secrets.K }}, which YAML reads as a double-quoted string'
)
SINGLE = "put the value in single quotes: K='{{ .Secrets.K }}'"
DOUBLE = 'put the value in double quotes: K="{{ .Secrets.K }}"'

DOLLAR = ("the value changed at `$`, which starts a variable reference", SINGLE)
STARTS_QUOTED_S = ("a quoted value, because the value starts with a quote", SINGLE)
STARTS_QUOTED_D = ("a quoted value, because the value starts with a quote", DOUBLE)
CUT_DOUBLE = ('the value cut at `"`, which ends the double-quoted value', SINGLE)
CUT_SINGLE = ("the value cut at `'`, which ends the single-quoted value", DOUBLE)
TRIMMED_ENV = ("the value without its leading or trailing blank space", SINGLE)
NEWLINE_UNQUOTED = (
    (
        "a line break as the two characters `\\n`, because only double quotes turn "
        "them into a line break"
    ),
    DOUBLE,
)
NEWLINE_SINGLE = (
    "a line break as the two characters `\\n`, because single quotes keep them",
    DOUBLE,
)
BACKSLASH_DOUBLE = ("a backslash as the start of an escape sequence", SINGLE)

BOOLEAN = "a YAML boolean"
NULL = "YAML null"
INTEGER = "a YAML integer"
# Readings that go-yaml v2, and so Helm, does not make.
OTHER_READERS = (
    "the text, but other YAML 1.1 readers of the file, such as PyYAML, read "
)
FLOAT = "a YAML float"
TRIMMED_YAML = "the value without its leading or trailing spaces"
LINE_BREAK_YAML = "a different structure, because the value contains a line break"
QUOTED_YAML = "a quoted scalar, because the value starts with a quote"


@dataclass(frozen=True)
class Hostile:
    """A value and the expected outcome per pattern: OK, or the reason (and fix)."""

    name: str
    value: str
    yaml_plain: str | None = OK
    env_plain: tuple[str, str] | None = OK
    env_single: tuple[str, str] | None = OK
    env_double: tuple[str, str] | None = OK


HOSTILE = [
    Hostile("alias", "*Zx9!q", "an alias, because the value starts with `*`"),
    Hostile("anchor", "&anchor value", "an anchor, because the value starts with `&`"),
    Hostile("tag", "!tag value", "a tag, because the value starts with `!`"),
    Hostile("comment start", "#hash", "a comment, because the value starts with `#`"),
    Hostile(
        "literal block", "|pipe", "a block scalar, because the value starts with `|`"
    ),
    Hostile("folded block", ">gt", "a block scalar, because the value starts with `>`"),
    Hostile(
        "single quote start",
        "'single",
        QUOTED_YAML,
        env_plain=STARTS_QUOTED_D,
        env_single=CUT_SINGLE,
    ),
    Hostile(
        "double quote start",
        '"double',
        QUOTED_YAML,
        env_plain=STARTS_QUOTED_S,
        env_double=CUT_DOUBLE,
    ),
    Hostile(
        "directive",
        "%percent",
        "a directive or an error, because the value starts with `%`",
    ),
    Hostile(
        "reserved at",
        "@at",
        "an error, because the value starts with the reserved indicator `@`",
    ),
    Hostile(
        "reserved backtick",
        "`backtick",
        "an error, because the value starts with the reserved indicator `` ` ``",
    ),
    Hostile(
        "flow sequence",
        "[bracket",
        "a flow sequence, because the value starts with `[`",
    ),
    Hostile("sequence end", "]close", "an error, because the value starts with `]`"),
    Hostile(
        "flow mapping", "{brace", "a flow mapping, because the value starts with `{`"
    ),
    Hostile("mapping end", "}close", "an error, because the value starts with `}`"),
    Hostile("comma", ",comma", "an error, because the value starts with `,`"),
    Hostile(
        "sequence entry", "- dash", "YAML structure, because the value starts with `-`"
    ),
    Hostile("lone dash", "-", "YAML structure, because the value starts with `-`"),
    Hostile(
        "complex key", "? question", "YAML structure, because the value starts with `?`"
    ),
    Hostile(
        "colon start", ": colon", "YAML structure, because the value starts with `:`"
    ),
    Hostile(
        "colon space",
        "key: value",
        "a mapping, because the value contains `:` before a space or the end",
    ),
    Hostile(
        "colon end",
        "x:",
        "a mapping, because the value contains `:` before a space or the end",
    ),
    Hostile(
        "space hash",
        "pass #word",
        "the value cut at ` #`, where a comment starts",
        env_plain=("the value cut at ` #`, where a comment starts", SINGLE),
    ),
    Hostile("inner double quotes", 'say "hi"', env_double=CUT_DOUBLE),
    Hostile("inner single quote", "it's", env_single=CUT_SINGLE),
    Hostile(
        "empty-looking quotes",
        '""',
        QUOTED_YAML,
        env_plain=STARTS_QUOTED_S,
        env_double=CUT_DOUBLE,
    ),
    Hostile("backslash", "back\\slash"),
    Hostile("backslash n", "\\n", env_double=BACKSLASH_DOUBLE),
    Hostile("backslash quote", 'a\\"b', env_double=CUT_DOUBLE),
    Hostile("dollar", "dollar$sign", env_plain=DOLLAR, env_double=DOLLAR),
    Hostile("braced variable", "${HOME}", env_plain=DOLLAR, env_double=DOLLAR),
    Hostile("double dollar", "$$double", env_plain=DOLLAR, env_double=DOLLAR),
    Hostile(
        "newline",
        "line1\nline2",
        LINE_BREAK_YAML,
        env_plain=NEWLINE_UNQUOTED,
        env_single=NEWLINE_SINGLE,
    ),
    Hostile(
        "pem block",
        PEM,
        LINE_BREAK_YAML,
        env_plain=NEWLINE_UNQUOTED,
        env_single=NEWLINE_SINGLE,
    ),
    Hostile("inner carriage return", "carriage\rreturn", LINE_BREAK_YAML),
    Hostile(
        "trailing carriage return",
        "trailing cr\r",
        LINE_BREAK_YAML,
        env_plain=TRIMMED_ENV,
    ),
    Hostile("line separator", "a\u2028b", LINE_BREAK_YAML),
    Hostile(
        "inner tab",
        "tab\tinside",
        "the value with its tab, but stricter YAML readers such as PyYAML reject it",
    ),
    Hostile("leading tab", "\tleading tab", TRIMMED_YAML, env_plain=TRIMMED_ENV),
    Hostile("leading space", " leading space", TRIMMED_YAML, env_plain=TRIMMED_ENV),
    Hostile("trailing space", "trailing space ", TRIMMED_YAML, env_plain=TRIMMED_ENV),
    Hostile("single space", " ", NULL, env_plain=TRIMMED_ENV),
    Hostile("yes", "yes", BOOLEAN),
    Hostile("no", "no", BOOLEAN),
    Hostile("on", "on", BOOLEAN),
    Hostile("off", "off", BOOLEAN),
    Hostile("y", "y", BOOLEAN),
    Hostile("n", "n", BOOLEAN),
    Hostile("tilde", "~", NULL),
    Hostile("null", "null", NULL),
    Hostile("octal", "0123", INTEGER),
    Hostile("hex", "0x1F", INTEGER),
    Hostile("exponent", "1e3", FLOAT),
    Hostile("infinity", ".inf", FLOAT),
    Hostile("timestamp", "2001-12-14", OTHER_READERS + "a YAML timestamp"),
    Hostile("merge key", "<<", OTHER_READERS + "the YAML merge key `<<`"),
    Hostile(
        "control character",
        "bell\x07",
        "an error, because the value has a control character YAML does not allow",
    ),
    Hostile("latin accents", "pässwörd✓"),
    Hostile("cjk", "日本語"),
    Hostile("emoji", "🔑key"),
]

IDS = [hostile.name for hostile in HOSTILE]


def render_or_message(
    source: str, value: str, name: str, format: str
) -> tuple[str, str]:
    """Return ("ok", output) or ("error", message) for rendering with K=value."""
    try:
        return "ok", render_document(source, {"K": value}, name=name, format=format)
    except FormatCheckError as error:
        return "error", str(error)


def read_yaml_value(output: str) -> object:
    """Return the value of `key` as Helm would see it: PyYAML's, or go-yaml v2's type."""
    scalar = parse_yaml(output).scalars[1]
    if scalar.style == "" and go_yaml_v2_kind(scalar.value) is not None:
        return ("go-yaml v2 resolves a non-string", scalar.value)
    return yaml.safe_load(output)["key"]


def test_table_has_forty_values() -> None:
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_yaml_plain_action(hostile: Hostile) -> None:
    outcome, text = render_or_message(
        "key: {{ .Secrets.K }}\n", hostile.value, "values.yaml", "yaml"
    )

    if hostile.yaml_plain is OK:
        assert outcome == "ok"
        assert read_yaml_value(text) == hostile.value
    else:
        assert outcome == "error"
        assert text == (
            "values.yaml:1:8: secret K would not be read back as written: "
            f"Helm reads {hostile.yaml_plain}; {PRINTF}"
        )


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_yaml_printf_q_pattern(hostile: Hostile) -> None:
    source = 'key: {{ printf "%q" .Secrets.K }}\n'
    outcome, text = render_or_message(source, hostile.value, "values.yaml", "yaml")

    assert outcome == "ok"
    assert read_yaml_value(text) == hostile.value


ENV_PATTERNS = {
    "plain": ("K={{ .Secrets.K }}\n", 5),
    "single": ("K='{{ .Secrets.K }}'\n", 6),
    "double": ('K="{{ .Secrets.K }}"\n', 6),
}


@pytest.mark.parametrize("pattern", sorted(ENV_PATTERNS))
@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_env_patterns(hostile: Hostile, pattern: str) -> None:
    source, column = ENV_PATTERNS[pattern]
    expected = {
        "plain": hostile.env_plain,
        "single": hostile.env_single,
        "double": hostile.env_double,
    }[pattern]
    outcome, text = render_or_message(source, hostile.value, ".env", "env")

    if expected is OK:
        assert outcome == "ok"
        assert resolve_env(text) == {"K": hostile.value}
    else:
        reason, fix = expected
        assert outcome == "error"
        assert text == (
            f".env:1:{column}: secret K would not be read back as written: "
            f"docker compose reads {reason}; {fix}"
        )


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_env_writes_newlines_escaped(hostile: Hostile) -> None:
    outcome, text = render_or_message(
        'K="{{ .Secrets.K }}"\n', hostile.value, ".env", "env"
    )

    if outcome == "ok":
        assert text.count("\n") == 1
        assert text == 'K="' + hostile.value.replace("\n", "\\n") + '"\n'


def test_every_value_in_one_yaml_document() -> None:
    lines = [
        f'k{index}: {{{{ printf "%q" .Secrets.K{index} }}}}'
        for index in range(len(HOSTILE))
    ]
    secrets = {f"K{index}": hostile.value for index, hostile in enumerate(HOSTILE)}

    output = render_document(
        "\n".join(lines) + "\n", secrets, name="values.yaml", format="yaml"
    )

    loaded = yaml.safe_load(output)
    for index, hostile in enumerate(HOSTILE):
        assert loaded[f"k{index}"] == hostile.value, hostile.name


def test_every_value_in_one_env_file() -> None:
    """Put each value in the quoting its row expects to survive, all in one file."""
    lines = []
    secrets = {}
    for index, hostile in enumerate(HOSTILE):
        quote = "'" if hostile.env_single is OK else '"'
        lines.append(f"K{index}={quote}{{{{ .Secrets.K{index} }}}}{quote}")
        secrets[f"K{index}"] = hostile.value

    output = render_document(
        "\n".join(lines) + "\n", secrets, name=".env", format="env"
    )

    assert resolve_env(output) == secrets


def test_rejected_messages_never_contain_value() -> None:
    sentinel = "Sentinel-7f3a"
    values = [
        f"*{sentinel}",
        f"{sentinel} #x",
        f"{sentinel}: y",
        f"{sentinel}$HOME",
        f"{sentinel}\n{sentinel}",
        f" {sentinel} ",
    ]
    for value in values:
        for source, name, format in [
            ("key: {{ .Secrets.K }}\n", "values.yaml", "yaml"),
            ("K={{ .Secrets.K }}\n", ".env", "env"),
        ]:
            outcome, text = render_or_message(source, value, name, format)
            if outcome == "error":
                assert sentinel not in text
