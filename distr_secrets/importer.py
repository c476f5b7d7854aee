"""Read the variables of a dotenv file for `distr-secrets import`.

Parsing is python-dotenv's (`dotenv.parser.parse_stream`), so quoting,
`export` prefixes, comments and multi-line quoted values follow its rules.
Errors name the file and line, never the line's text, which contains a value.
"""

from __future__ import annotations

import io

from distr_secrets.errors import DistrError
from distr_secrets.secret import SecretValue


class InvalidDotenv(DistrError):
    """A dotenv file with a line that cannot be imported."""


def parse_dotenv(data: bytes, source: str) -> dict[str, SecretValue]:
    """Return the variables of a dotenv file's bytes; raise InvalidDotenv listing
    every bad line as `SOURCE:LINE: reason`.

    A key that appears twice keeps its last value, as docker compose does.
    """
    from dotenv.parser import parse_stream

    from distr_secrets.vault import validate_key

    text = _decode(data, source)
    variables: dict[str, SecretValue] = {}
    problems: list[str] = []
    for binding in parse_stream(io.StringIO(text)):
        line = _first_line_of(binding.original.string, binding.original.line)
        where = f"{source}:{line}"
        if binding.error:
            problems.append(f"{where}: invalid line, expected KEY=VALUE")
            continue
        if binding.key is None:
            continue  # a comment or blank lines
        try:
            validate_key(binding.key)
        except DistrError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if binding.value is None:
            problems.append(f"{where}: {binding.key} has no value, expected KEY=VALUE")
            continue
        if binding.value == "":
            problems.append(f"{where}: empty value for {binding.key}")
            continue
        variables[binding.key] = SecretValue(binding.value)

    if problems:
        raise InvalidDotenv(
            "nothing imported, fix these lines first:\n  " + "\n  ".join(problems)
        )
    return variables


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDotenv(
            f"failed to read {source}: not UTF-8 at byte {exc.start}"
        ) from None
    # A byte-order mark would otherwise become part of the first key.
    return text.removeprefix("\ufeff")


def _first_line_of(original: str, mark_line: int) -> int:
    """Return the line where a binding's text starts after its leading blanks.

    python-dotenv marks a binding at the end of the previous one, so the
    blank lines and indentation before the key are part of its text.
    """
    stripped = original.lstrip()
    leading = original[: len(original) - len(stripped)]
    return mark_line + leading.count("\n")
