"""`render` and `check`: fill templates from a scope, or check them without output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from distr_secrets.cli.common import fail, quote, scope_label, state, usage_error

if TYPE_CHECKING:
    from distr_secrets.cli.output import Output
    from distr_secrets.rendering import CheckReport

CustomerOption = Annotated[
    str | None,
    typer.Option(
        "--customer",
        "-c",
        help="Render with this customer's secrets instead of the vendor's.",
        metavar="NAME",
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: env, yaml or text (default: from the file name).",
        metavar="FORMAT",
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Treat a missing key as an error in if/with/and/or/not too.",
    ),
]


@contextmanager
def template_errors(source: str, name: str) -> Iterator[None]:
    """Turn template errors into `template parsing error: ...` style messages."""
    from distr_secrets.template import ExecError, LimitError, ParseError

    try:
        yield
    except ParseError as exc:
        fail(f"template parsing error: {exc}")
    except ExecError as exc:
        fail(f"template execution error: {exc}")
    except LimitError as exc:
        # The parser and the executor both raise LimitError, so the template
        # is parsed again, only on this error path, to find the stage.
        stage = "parsing" if _fails_to_parse(source, name) else "execution"
        fail(f"template {stage} error: {exc}")


def _fails_to_parse(source: str, name: str) -> bool:
    from distr_secrets.template import TemplateError, parse

    try:
        parse(source, name)
    except TemplateError:
        return True
    return False


def checked_format(template: str, output: Path | None, explicit: str | None) -> str:
    """Return the document format; a wrong --format value is a usage error."""
    from distr_secrets.rendering import FORMATS, detect_format

    if explicit is not None and explicit not in FORMATS:
        usage_error(
            f"invalid value for --format: {quote(explicit)}; use {', '.join(FORMATS)}"
        )
    path = str(output) if output is not None else template
    return detect_format(None if path == "-" else path, explicit)


def render_template(
    ctx: typer.Context,
    template: Annotated[
        str,
        typer.Argument(
            help="Template file, or - to read it from stdin.", metavar="FILE"
        ),
    ],
    customer: CustomerOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=(
                "Write to this file (mode 0600, atomically) instead of stdout. "
                "A symbolic link is kept and its target is written."
            ),
            metavar="FILE",
        ),
    ] = None,
    output_format: FormatOption = None,
    strict: StrictOption = False,
    no_verify: Annotated[
        bool,
        typer.Option(
            "--no-verify",
            help="Skip reading the output back to check that every value survived.",
        ),
    ] = False,
) -> None:
    """Render a template with the secrets of one scope.

    Only the chosen scope's secrets are available: vendor secrets never reach a
    customer's file. On any error nothing is written.
    """
    from distr_secrets.cli.files import (
        encode_output,
        output_target,
        read_template,
        write_private_file,
    )
    from distr_secrets.rendering import render_document

    cli = state(ctx)
    document_format = checked_format(template, output, output_format)
    target = None if output is None else output_target(output)
    source, name = read_template(template)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, customer)
    secrets = {key: value.reveal() for key, value in vault.values(scope).items()}
    cli.out.debug(
        f"rendering {name} as {document_format} with scope {scope_label(scope)}"
    )

    if no_verify:
        cli.out.warn(
            f"--no-verify: not checking that values survive the {document_format} format"
        )
    with template_errors(source, name):
        text = render_document(
            source,
            secrets,
            name=name,
            format=document_format,
            strict=strict,
            verify=not no_verify,
        )

    data = encode_output(text)
    if target is None:
        cli.out.data_bytes(data)
    else:
        write_private_file(target, data)
        cli.out.info(f"wrote {output} with scope {scope_label(scope)}")


def check_template(
    ctx: typer.Context,
    template: Annotated[
        str, typer.Argument(help="Template file to check.", metavar="FILE")
    ],
    customer: CustomerOption = None,
    output_format: FormatOption = None,
    strict: StrictOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON.")
    ] = False,
) -> None:
    """Check a template against the current secrets without printing any value.

    Reports missing keys, template errors and values that the format would
    change. Exits with status 1 when there is a problem.
    """
    from distr_secrets.cli.files import read_template
    from distr_secrets.rendering import check_document

    cli = state(ctx)
    document_format = checked_format(template, None, output_format)
    source, name = read_template(template)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, customer)
    secrets = {key: value.reveal() for key, value in vault.values(scope).items()}
    report = check_document(
        source, secrets, name=name, format=document_format, strict=strict
    )

    if as_json:
        cli.out.json(
            {
                "template": template,
                "format": document_format,
                "scope": scope_label(scope),
                "ok": report.ok,
                "keys": list(report.keys),
                "missing": report.required_missing,
                "optional": report.optional,
                "lenient_uses": [
                    {"key": use.key, "line": use.line, "col": use.col}
                    for use in report.lenient_uses
                ],
                "format_problems": list(report.format_problems),
                "error": report.error,
            }
        )
    else:
        _print_report(cli.out, template, document_format, report)

    if not report.ok:
        raise typer.Exit(1)


def _print_report(
    out: Output,
    template: str,
    document_format: str,
    report: CheckReport,
) -> None:
    """Print one line per finding, then a last line that starts `ok` or `failed`.

    The template and format messages already start with the file name, so
    only this function's own lines are prefixed with it.
    """
    if report.error is not None:
        out.data(report.error)
    for key in report.required_missing:
        out.data(f"{template}: missing key {key}")
    for problem in report.format_problems:
        out.data(problem)
    for use in report.lenient_uses:
        out.data(
            f"{template}:{use.line}:{use.col}: note: {use.key} is not set, "
            "which is allowed here: if, with, and, or and not read a "
            "missing key as false (--strict makes it an error)"
        )

    if not report.ok:
        out.data(f"{template}: failed (format {document_format})")
        return
    keys = ", ".join(report.keys) if report.keys else "none"
    summary = f"{template}: ok (format {document_format}; keys: {keys}"
    if report.optional:
        summary += f"; optional and not set: {', '.join(report.optional)}"
    out.data(summary + ")")


_RENDER_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets render deploy.env\n\n"
    "  distr-secrets render values.yaml --customer acme -o values.rendered.yaml\n\n"
    "  cat compose.env.tmpl | distr-secrets render - --format env"
)
_CHECK_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets check deploy.env\n\n"
    "  distr-secrets check values.yaml --customer acme --strict --json"
)


def register(app: typer.Typer) -> None:
    app.command("render", epilog=_RENDER_EXAMPLES)(render_template)
    app.command("check", epilog=_CHECK_EXAMPLES)(check_template)
