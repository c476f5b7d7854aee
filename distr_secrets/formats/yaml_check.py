"""Round-trip rules for Helm values YAML output: contexts, reasons and fixes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from distr_secrets.formats.helm_yaml import (
    YamlDocument,
    go_yaml_v2_kind,
    parse_yaml,
    resolved_kind,
)
from distr_secrets.formats.roundtrip import Substitution
from distr_secrets.template.strconv import UnquoteError, unquote

OUTSIDE = "outside"

# Line breaks in YAML 1.1, which PyYAML and go-yaml both read.
_LINE_BREAKS = frozenset("\r\n\x85\u2028\u2029")
# Characters YAML 1.1 allows unescaped: tab, line breaks and printable Unicode.
_NOT_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_GO_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.DOTALL)
# Maximum number of combinations of readings tried for one scalar.
_MAX_COMBINATIONS = 64

_KIND_PHRASES = {
    "boolean": "a YAML boolean",
    "integer": "a YAML integer",
    "float": "a YAML float",
    "null": "YAML null",
    "timestamp": "a YAML timestamp",
    "merge key": "the YAML merge key `<<`",
    "value key": "the YAML 1.1 value key `=`",
    "tagged value": "a value with an explicit YAML tag",
}

_START_INDICATORS = {
    "*": "an alias, because the value starts with `*`",
    "&": "an anchor, because the value starts with `&`",
    "!": "a tag, because the value starts with `!`",
    "#": "a comment, because the value starts with `#`",
    "|": "a block scalar, because the value starts with `|`",
    ">": "a block scalar, because the value starts with `>`",
    "'": "a quoted scalar, because the value starts with a quote",
    '"': "a quoted scalar, because the value starts with a quote",
    "%": "a directive or an error, because the value starts with `%`",
    "@": "an error, because the value starts with the reserved indicator `@`",
    "`": "an error, because the value starts with the reserved indicator `` ` ``",
    "[": "a flow sequence, because the value starts with `[`",
    "{": "a flow mapping, because the value starts with `{`",
    "]": "an error, because the value starts with `]`",
    "}": "an error, because the value starts with `}`",
    ",": "an error, because the value starts with `,`",
}


@dataclass(frozen=True)
class YamlContext:
    """Position of a substitution: the indexes of the scalars that contain it.

    `style` is the first scalar's style (empty for plain), or OUTSIDE when the
    substitution is in a comment or in an anchor or tag name. `whole` is true
    when the substitution is the scalar's entire value.
    """

    scalars: tuple[int, ...]
    style: str
    whole: bool = False


class YamlReader:
    """Helm values YAML rules for the round-trip check."""

    def parse(self, text: str) -> YamlDocument:
        return parse_yaml(text)

    def context(self, probe: YamlDocument, placeholder: str) -> YamlContext:
        indexes = tuple(
            index
            for index, scalar in enumerate(probe.scalars)
            if placeholder in scalar.value
        )
        if not indexes:
            return YamlContext((), OUTSIDE)
        first = probe.scalars[indexes[0]]
        return YamlContext(indexes, first.style, first.value == placeholder)

    def locations(self, context: YamlContext) -> Iterable[Hashable]:
        return context.scalars

    def replacements(self, substitution: Substitution) -> list[str]:
        """Return the printed text and, for a quoted secret, its unquoted value.

        `{{ printf "%q" .Secrets.KEY }}` prints a Go string literal that YAML
        reads as the secret value. The unquoted reading counts as intact only
        when it contains every secret value the action used, so a secret that
        merely looks like a quoted string is still checked as written.
        """
        printed = substitution.printed
        readings = [printed]
        if substitution.secrets and _GO_QUOTED.fullmatch(printed):
            unquoted = _go_unquote(printed)
            if unquoted is not None and all(
                secret in unquoted for secret in substitution.secrets
            ):
                readings.append(unquoted)
        return readings

    def changed_locations(
        self,
        real: YamlDocument,
        probe: YamlDocument,
        replacements: dict[str, list[str]],
    ) -> set[Hashable] | None:
        if real.shape != probe.shape:
            return None
        changed: set[Hashable] = set()
        for index, (got, want) in enumerate(zip(real.scalars, probe.scalars)):
            present = [p for p in replacements if p in want.value]
            if (
                present
                and resolved_kind(got) is not None
                or got.value not in _expected_values(want.value, present, replacements)
            ):
                changed.add(index)
        return changed

    def describe(self, context: YamlContext, substitution: Substitution) -> str:
        return describe_change(context.style, substitution.printed)

    def fix(self, context: YamlContext, substitution: Substitution) -> str:
        if context.style != OUTSIDE and not context.whole:
            return (
                'build the whole value in one printf "%q", as in '
                '{{ printf "%q" (printf "text-%s" .Secrets.KEY) }}'
            )
        if len(substitution.keys) == 1:
            action = f'{{{{ printf "%q" .Secrets.{substitution.keys[0]} }}}}'
        else:
            action = '{{ printf "%q" (PIPELINE) }} around the action\'s pipeline'
        if context.style in ("'", '"'):
            return f"remove the quotes around the action and write {action}"
        return f"write {action}, which YAML reads as a double-quoted string"


def _expected_values(
    value: str, present: list[str], replacements: dict[str, list[str]]
) -> set[str]:
    """Return the values the scalar may have with each placeholder replaced."""
    choices = [replacements[placeholder] for placeholder in present]
    expected: set[str] = set()
    for combination in itertools.islice(itertools.product(*choices), _MAX_COMBINATIONS):
        text = value
        for placeholder, reading in zip(present, combination):
            text = text.replace(placeholder, reading)
        expected.add(text)
    return expected


def _go_unquote(literal: str) -> str | None:
    try:
        return unquote(literal)
    except UnquoteError:
        return None


def describe_change(style: str, printed: str) -> str:
    """Return what a YAML reader makes of `printed` in a scalar of this style."""
    kind = _whole_value_kind(style, printed)
    if kind is not None:
        return _describe_kind(kind, printed)
    if _NOT_PRINTABLE.search(printed):
        return "an error, because the value has a control character YAML does not allow"
    if style == "":
        return _describe_plain(printed)
    if style == '"':
        return _describe_double_quoted(printed)
    if style == "'":
        return _describe_single_quoted(printed)
    if style in ("|", ">"):
        return "different line breaks or indentation in the block scalar"
    return "a different document structure"


def _describe_kind(kind: str, printed: str) -> str:
    """Describe a non-string reading, saying when only other YAML readers see it.

    Helm keeps a timestamp as the text written (sigs.k8s.io/yaml turns it back
    into a string), and kinds that only PyYAML resolves, such as the base-60
    integer `1:20`, are text to go-yaml v2 too.
    """
    helm_kind = go_yaml_v2_kind(printed.strip(" "))
    if kind == helm_kind and kind != "timestamp":
        return _KIND_PHRASES[kind]
    return (
        "the text, but other YAML 1.1 readers of the file, such as PyYAML, "
        f"read {_KIND_PHRASES[kind]}"
    )


def _whole_value_kind(style: str, printed: str) -> str | None:
    """Return the non-string type of `printed` alone as a plain scalar, if any."""
    if style != "":
        return None
    try:
        document = parse_yaml(f"key: {printed}\n")
    except ValueError:
        return None
    if len(document.scalars) != 2:
        return None
    scalar = document.scalars[1]
    if scalar.value != printed.strip(" "):
        return None
    return resolved_kind(scalar)


def _describe_plain(printed: str) -> str:
    if printed == "":
        return "YAML null, because the value is empty"
    first = printed[0]
    if first in _START_INDICATORS:
        return _START_INDICATORS[first]
    if first in "-?:" and printed[1:2] in ("", " ", "\t", "\n", "\r"):
        return f"YAML structure, because the value starts with `{first}`"
    if " #" in printed or "\t#" in printed:
        return "the value cut at ` #`, where a comment starts"
    if ": " in printed or printed.endswith(":") or ":\t" in printed:
        return "a mapping, because the value contains `:` before a space or the end"
    if _LINE_BREAKS.intersection(printed):
        return "a different structure, because the value contains a line break"
    if printed != printed.strip(" \t"):
        return "the value without its leading or trailing spaces"
    if "\t" in printed:
        # NOTE: PyYAML ends a plain scalar at a tab where go-yaml keeps the tab,
        # so such a value is rejected even though Helm may read it intact.
        return (
            "the value with its tab, but stricter YAML readers such as PyYAML reject it"
        )
    return "a different value, because of YAML syntax in the value"


def _describe_double_quoted(printed: str) -> str:
    if '"' in printed:
        return 'the value cut at `"`, which ends the double-quoted scalar'
    if "\\" in printed:
        return "a backslash as the start of a YAML escape sequence"
    if _LINE_BREAKS.intersection(printed):
        return "a line break folded into a space"
    return "a different value"


def _describe_single_quoted(printed: str) -> str:
    if "'" in printed:
        return "the value cut at `'`, which ends the single-quoted scalar"
    if _LINE_BREAKS.intersection(printed):
        return "a line break folded into a space"
    return "a different value"
