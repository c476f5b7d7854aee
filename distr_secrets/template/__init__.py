"""Go `text/template` for distr-secrets: a hand-written lexer, parser and executor.

Templates see `{"Secrets": secrets}` with Go's option missingkey=error, and
render to the bytes Go 1.27 renders; errors carry Go's messages. One
departure, unless `strict=True`: a missing `.Secrets.KEY` that is the whole
condition of if/else if/with, or an argument of and/or/not, is false instead
of an error.
"""

from __future__ import annotations

from collections.abc import Mapping

from distr_secrets.template.errors import (
    ExecError,
    LimitError,
    ParseError,
    TemplateError,
)
from distr_secrets.template.exec import OutputSpan
from distr_secrets.template.template import Reference, Template

__all__ = [
    "ExecError",
    "LimitError",
    "OutputSpan",
    "ParseError",
    "Reference",
    "Template",
    "TemplateError",
    "parse",
    "render",
]


def parse(source: str, name: str = "template") -> Template:
    """Parse template source; raise ParseError with Go's message if invalid."""
    return Template(source, name)


def render(
    source: str,
    secrets: Mapping[str, object],
    *,
    name: str = "template",
    strict: bool = False,
) -> str:
    """Parse and execute a template with `{"Secrets": secrets}` as data."""
    return Template(source, name).execute(secrets, strict=strict)
