"""Render templates into compose `.env` or Helm values files and verify the secrets.

After rendering, the output is parsed back the way its consumer reads it
(`distr_secrets.formats`), and rendering fails when a substituted secret value
would not be read back as the exact string it is. Messages name the secret key,
the template position, what the consumer reads instead and the fix, never the
value.

Byte-order marks and CRLF line endings in a template are copied to the output
unchanged, and the check reads them as the consumers do. Compose and the YAML
parsers skip a byte-order mark at the start of the file. Compose drops the `\\r`
of CRLF from unquoted values, and YAML reads CRLF as one line break. A `\\r`
inside a quoted `.env` value that spans lines stays in the value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from distr_secrets import template
from distr_secrets.errors import DistrError
from distr_secrets.formats.env_check import EnvReader, escape_newlines
from distr_secrets.formats.roundtrip import (
    FormatReader,
    OutputSyntaxError,
    Substitution,
    find_problems,
)
from distr_secrets.formats.yaml_check import YamlReader
from distr_secrets.secret import SecretValue

FORMATS = ("env", "yaml", "text")

_CONSUMERS = {"env": "docker compose", "yaml": "Helm"}
_FORMAT_NAMES = {"env": "compose .env syntax", "yaml": "YAML"}


class FormatCheckError(DistrError):
    """Rendered output in which the consumer would read a secret value differently.

    `problems` contains one message per substitution, and `str()` joins them
    with line breaks. No message contains a secret value.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class CheckReport:
    """The result of checking a template against the current secret values.

    `keys` are the secret keys the template references, sorted. `missing` are
    those without a value in the scope. `lenient_uses` are the references to
    optional keys: missing keys whose every reference reads as false under the
    lenient rule. It is empty in strict mode. `error` is the template's parse
    or execution error message, if any.
    """

    keys: list[str]
    missing: list[str]
    lenient_uses: list[template.Reference] = field(default_factory=list)
    format_problems: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def optional(self) -> list[str]:
        """Missing keys that the template only reads under the lenient rule."""
        return sorted({use.key for use in self.lenient_uses})

    @property
    def required_missing(self) -> list[str]:
        """Missing keys that are not optional, each of which fails the check."""
        return [key for key in self.missing if key not in self.optional]

    @property
    def ok(self) -> bool:
        """Return whether required keys are set and every value renders intact."""
        return (
            self.error is None
            and not self.required_missing
            and not self.format_problems
        )


def detect_format(path: str | None, explicit: str | None) -> str:
    """Return the output format: the explicit one, else the one the file name implies.

    `.env`, `*.env` and `.env.*` are compose `.env` files, `.yaml` and `.yml`
    are Helm values, anything else is plain text.
    """
    if explicit is not None:
        if explicit not in FORMATS:
            raise DistrError(
                f"unknown format {explicit!r}: expected one of {', '.join(FORMATS)}"
            )
        return explicit
    if path is None:
        return "text"

    name = PurePath(path).name
    if name == ".env" or name.endswith(".env") or name.startswith(".env."):
        return "env"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    return "text"


def render_document(
    source: str,
    secrets: Mapping[str, str | SecretValue],
    *,
    name: str,
    format: str,
    strict: bool = False,
    verify: bool = True,
) -> str:
    """Render a template and return the output for its format.

    For `env`, line feeds inside substituted values are written as `\\n`. With
    `verify`, raises FormatCheckError when a substituted value would not read
    back intact. Template errors propagate as TemplateError.
    """
    parsed = template.parse(source, name)
    output, spans = parsed.execute_traced(secrets, strict=strict)
    output, substitutions = prepare_output(output, spans, secrets, format)
    if verify:
        problems = format_problems(
            output, spans, substitutions, name=name, format=format
        )
        if problems:
            raise FormatCheckError(problems)
    return output


def check_document(
    source: str,
    secrets: Mapping[str, str | SecretValue],
    *,
    name: str,
    format: str,
    strict: bool = False,
) -> CheckReport:
    """Run the checks of `render_document` and report them without any value."""
    try:
        parsed = template.parse(source, name)
    except template.TemplateError as error:
        return CheckReport([], [], error=str(error))

    # Go prints `index` of a missing key as "", so rendering succeeds, but the
    # check still fails on any missing key that is not optional.
    references = parsed.references()
    keys = sorted({reference.key for reference in references})
    missing = [key for key in keys if key not in secrets]
    optional = set() if strict else _optional_keys(references, missing)
    report = CheckReport(
        keys=keys,
        missing=missing,
        lenient_uses=[r for r in references if r.key in optional],
    )
    try:
        output, spans = parsed.execute_traced(secrets, strict=strict)
    except template.TemplateError as error:
        report.error = str(error)
        return report

    output, substitutions = prepare_output(output, spans, secrets, format)
    report.format_problems = format_problems(
        output, spans, substitutions, name=name, format=format
    )
    return report


def _optional_keys(
    references: Sequence[template.Reference], missing: Sequence[str]
) -> set[str]:
    """Return the missing keys whose every reference is in a lenient position."""
    optional = set(missing)
    for reference in references:
        if not reference.lenient:
            optional.discard(reference.key)
    return optional


def prepare_output(
    output: str,
    spans: Sequence[template.OutputSpan],
    secrets: Mapping[str, str | SecretValue],
    format: str,
) -> tuple[str, list[Substitution]]:
    """Return the output as written for `format` and a substitution per span.

    For `env`, each line feed inside a span becomes `\\n`, and the substitutions
    point into the escaped output.
    """
    parts: list[str] = []
    substitutions: list[Substitution] = []
    done = 0
    length = 0
    for span in sorted(spans, key=lambda span: span.start):
        before = output[done : span.start]
        printed = output[span.start : span.end]
        written = escape_newlines(printed) if format == "env" else printed
        parts.extend([before, written])
        start = length + len(before)
        length = start + len(written)
        keys = tuple(sorted(span.keys))
        values = tuple(_reveal(secrets[key]) for key in keys if key in secrets)
        substitutions.append(Substitution(start, length, printed, values, keys))
        done = span.end
    parts.append(output[done:])
    return "".join(parts), substitutions


def _reveal(value: object) -> str:
    return value.reveal() if isinstance(value, SecretValue) else str(value)


def format_problems(
    output: str,
    spans: Sequence[template.OutputSpan],
    substitutions: Sequence[Substitution],
    *,
    name: str,
    format: str,
) -> list[str]:
    """Return a message for each substitution the consumer would not read back."""
    reader = _reader(format)
    if reader is None:
        return []
    ordered = sorted(spans, key=lambda span: span.start)
    nul_messages = (
        _nul_byte_problems(ordered, substitutions, name) if format == "env" else []
    )
    try:
        findings = find_problems(output, substitutions, reader)
    except OutputSyntaxError as error:
        label = _FORMAT_NAMES[format]
        return [
            *nul_messages,
            f"{name}:{error.line}: the rendered output is not valid {label}: {error}",
        ]

    messages = nul_messages
    for finding in findings:
        span = ordered[finding.index]
        keys = ", ".join(sorted(span.keys))
        label = "secret" if len(span.keys) == 1 else "secrets"
        messages.append(
            f"{name}:{span.line}:{span.col}: {label} {keys} would not be read back "
            f"as written: {_CONSUMERS[format]} reads {finding.reason}; {finding.fix}"
        )
    return messages


def _nul_byte_problems(
    ordered: Sequence[template.OutputSpan],
    substitutions: Sequence[Substitution],
    name: str,
) -> list[str]:
    """Return a message for each `.env` substitution that prints a NUL byte.

    The process environment is a list of NUL-terminated `NAME=value` strings,
    so no value that compose passes to a container can contain a NUL byte.
    """
    messages = []
    for span, substitution in zip(ordered, substitutions):
        if "\0" not in substitution.printed:
            continue
        keys = ", ".join(sorted(span.keys))
        label = "secret" if len(span.keys) == 1 else "secrets"
        messages.append(
            f"{name}:{span.line}:{span.col}: {label} {keys} would not be read back "
            "as written: the value contains a NUL byte, which environment "
            "variables cannot contain; store the value without NUL bytes, for "
            "example base64-encoded"
        )
    return messages


def _reader(format: str) -> FormatReader | None:  # type: ignore[type-arg]
    if format == "env":
        return EnvReader()
    if format == "yaml":
        return YamlReader()
    if format == "text":
        return None
    raise DistrError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
