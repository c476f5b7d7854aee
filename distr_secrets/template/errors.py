"""Errors raised while parsing or executing a template.

`str()` of each error is the message Go's `text/template` (Go 1.27) gives for the
same template, so users can search for it.
"""

from __future__ import annotations

from distr_secrets.errors import DistrError


class TemplateError(DistrError):
    """A template that cannot be parsed or executed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ParseError(TemplateError):
    """A template rejected by the lexer or parser: `template: NAME:LINE: msg`."""


class ExecError(TemplateError):
    """A failure while executing: `template: NAME:LINE:COL: executing ...: msg`."""

    def __init__(self, message: str, template_name: str = "") -> None:
        super().__init__(message)
        self.template_name = template_name


class LimitError(TemplateError):
    """A template that Go may accept but that exceeds a limit of this implementation.

    Raised instead of a RecursionError or of output that could differ from Go's.
    """
