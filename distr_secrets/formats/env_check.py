"""Round-trip rules for docker compose `.env` output: contexts, reasons and fixes."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from distr_secrets.formats.compose_env import (
    GO_SPACE,
    EnvVariable,
    Piece,
    parse_env,
)
from distr_secrets.formats.roundtrip import Substitution

# A value as compose reads it: literal text, and `$` expressions as 1-tuples.
Segment = str | tuple[str]

OUTSIDE = "outside"
INTERPOLATION = "interpolation"


@dataclass(frozen=True)
class EnvContext:
    """Position of a substitution: the variable index and the quoting of its value.

    `quote` is `'`, `"`, empty for an unquoted value, INTERPOLATION inside a `$`
    expression, or OUTSIDE for a comment or a name. `whole` is true when the
    substitution is the entire value.
    """

    variable: int | None
    key: str
    quote: str
    whole: bool = False


def escape_newlines(value: str) -> str:
    """Write each line feed as a backslash and `n`, so a variable stays on one line."""
    return value.replace("\n", "\\n")


class EnvReader:
    """Compose `.env` rules for the round-trip check."""

    def parse(self, text: str) -> list[EnvVariable]:
        return parse_env(text)

    def context(self, probe: list[EnvVariable], placeholder: str) -> EnvContext:
        for index, variable in enumerate(probe):
            for segment in _segments(variable.pieces):
                if isinstance(segment, tuple) and placeholder in segment[0]:
                    return EnvContext(index, variable.key, INTERPOLATION)
                if isinstance(segment, str) and placeholder in segment:
                    whole = variable.literal_value == placeholder
                    return EnvContext(index, variable.key, variable.quote, whole)
        return EnvContext(None, "", OUTSIDE)

    def locations(self, context: EnvContext) -> Iterable[Hashable]:
        return [] if context.variable is None else [context.variable]

    def replacements(self, substitution: Substitution) -> list[str]:
        return [substitution.printed]

    def changed_locations(
        self,
        real: list[EnvVariable],
        probe: list[EnvVariable],
        replacements: dict[str, list[str]],
    ) -> set[Hashable] | None:
        if len(real) != len(probe):
            return None
        changed: set[Hashable] = set()
        for index, (got, want) in enumerate(zip(real, probe)):
            if got.key != _replace(want.key, replacements):
                return None
            if got.inherited != want.inherited or got.quote != want.quote:
                return None
            if not _same_value(got, want, replacements):
                changed.add(index)
        return changed

    def describe(self, context: EnvContext, substitution: Substitution) -> str:
        return describe_change(context.quote, substitution.printed)

    def fix(self, context: EnvContext, substitution: Substitution) -> str:
        return suggest_quoting(context, substitution)


def _segments(pieces: Iterable[Piece]) -> list[Segment]:
    """Join adjacent literal pieces, so values compare as text and expressions."""
    segments: list[Segment] = []
    for piece in pieces:
        if piece.interpolated:
            segments.append((piece.text,))
        elif segments and isinstance(segments[-1], str):
            segments[-1] += piece.text
        else:
            segments.append(piece.text)
    return segments


def _replace(text: str, replacements: dict[str, list[str]]) -> str:
    for placeholder, values in replacements.items():
        text = text.replace(placeholder, values[0])
    return text


def _same_value(
    got: EnvVariable, want: EnvVariable, replacements: dict[str, list[str]]
) -> bool:
    expected: list[Segment] = []
    for segment in _segments(want.pieces):
        if isinstance(segment, tuple):
            if any(placeholder in segment[0] for placeholder in replacements):
                # A secret read as a variable name never comes back as written.
                return False
            expected.append(segment)
        elif expected and isinstance(expected[-1], str):
            expected[-1] += _replace(segment, replacements)
        else:
            expected.append(_replace(segment, replacements))
    expected = [segment for segment in expected if segment != ""]
    return _segments(got.pieces) == expected


def describe_change(quote: str, printed: str) -> str:
    """Return what compose reads in place of `printed`, in general terms."""
    if quote == INTERPOLATION:
        return "it as part of a `$` variable reference"
    if quote == "'":
        return _describe_single_quoted(printed)
    if quote == '"':
        return _describe_double_quoted(printed)
    if quote == "":
        return _describe_unquoted(printed)
    return "a different file structure"


def _describe_single_quoted(printed: str) -> str:
    if "'" in printed:
        return "the value cut at `'`, which ends the single-quoted value"
    if "\n" in printed:
        return (
            "a line break as the two characters `\\n`, because single quotes keep them"
        )
    return "a different value"


def _describe_double_quoted(printed: str) -> str:
    if "$" in printed:
        return "the value changed at `$`, which starts a variable reference"
    if '"' in printed:
        return 'the value cut at `"`, which ends the double-quoted value'
    if "\\" in printed:
        return "a backslash as the start of an escape sequence"
    return "a different value"


def _describe_unquoted(printed: str) -> str:
    if "$" in printed:
        return "the value changed at `$`, which starts a variable reference"
    if " #" in printed:
        return "the value cut at ` #`, where a comment starts"
    if "\n" in printed:
        return "a line break as the two characters `\\n`, because only double quotes turn them into a line break"
    if printed[:1] in ("'", '"'):
        return "a quoted value, because the value starts with a quote"
    if printed != printed.strip("".join(GO_SPACE)):
        return "the value without its leading or trailing blank space"
    if printed.startswith("#") or printed == "":
        return "a different value, because blank space or a comment follows it"
    return "a different value"


def suggest_quoting(context: EnvContext, substitution: Substitution) -> str:
    """Return the quoting that keeps the value intact, found by parsing each one."""
    if context.quote == INTERPOLATION:
        return "move the action out of the `$` variable reference"
    if context.quote == OUTSIDE:
        return "use the secret only inside a variable's value"
    printed = substitution.printed
    escaped = escape_newlines(printed)
    choices = [
        ("'", "put the value in single quotes" + _example(context, substitution, "'")),
        ('"', "put the value in double quotes" + _example(context, substitution, '"')),
        ("", "remove the quotes around the value"),
    ]
    for quote, advice in choices:
        if quote != context.quote and _reads_back(quote, escaped, printed):
            return advice
    return (
        "no quoting in a compose .env file keeps this value intact; "
        "store it in another form, such as base64"
    )


def _example(context: EnvContext, substitution: Substitution, quote: str) -> str:
    """Return the quoted line as an example, or name the variable if it has more text."""
    if context.whole:
        return f": {context.key}={quote}{substitution.action}{quote}"
    return f" ({context.key})"


def _reads_back(quote: str, escaped: str, printed: str) -> bool:
    try:
        variables = parse_env(f"NAME={quote}{escaped}{quote}\n")
    except ValueError:
        return False
    if len(variables) != 1:
        return False
    pieces = variables[0].pieces
    return not any(piece.interpolated for piece in pieces) and (
        "".join(piece.text for piece in pieces) == printed
    )
