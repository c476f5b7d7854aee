"""`set`, `list`, `delete` and `import`: the secrets of one scope."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from distr_secrets.cli.common import (
    JsonOption,
    confirm,
    fail,
    format_time,
    json_time,
    scope_label,
    state,
)

CustomerOption = Annotated[
    str | None,
    typer.Option(
        "--customer",
        "-c",
        help="Customer scope to use instead of the vendor scope.",
        metavar="NAME",
    ),
]


def set_secret(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(help="Name of the secret, e.g. DB_PASSWORD.", metavar="KEY")
    ],
    customer: CustomerOption = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file",
            help=(
                "Read the value from this UTF-8 text file (PEM certificates, "
                "keys), unchanged. Values are text: store a binary file as "
                "base64, e.g. base64 < FILE | distr-secrets set KEY."
            ),
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Create or update a secret.

    The value comes from --from-file, else a hidden prompt asked twice on a
    terminal, else stdin (one trailing newline removed). It is never taken
    from the command line and never printed.
    """
    from distr_secrets.cli.value_input import read_value
    from distr_secrets.secret import SecretValue
    from distr_secrets.vault import validate_key

    validate_key(key)
    value = SecretValue(read_value(key, from_file))

    cli = state(ctx)
    with cli.update_vault() as vault:
        scope = cli.resolve_customer(vault, customer)
        outcome = vault.set_secret(scope, key, value)
    cli.out.info(f"{outcome} {key} in scope {scope_label(scope)}")


def list_secrets(
    ctx: typer.Context, customer: CustomerOption = None, as_json: JsonOption = False
) -> None:
    """List the keys of a scope with the time and author of their last change.

    Values are never shown.
    """
    cli = state(ctx)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, customer)
    infos = sorted(vault.secret_infos(scope), key=lambda info: info.key)

    if as_json:
        cli.out.json(
            [
                {
                    "key": info.key,
                    "scope": scope_label(scope),
                    "created_at": json_time(info.created_at),
                    "created_by": info.created_by,
                    "updated_at": json_time(info.updated_at),
                    "updated_by": info.updated_by,
                }
                for info in infos
            ]
        )
        return
    if not infos:
        cli.out.info(f"no secrets in scope {scope_label(scope)}")
        return
    rows = [[info.key, format_time(info.updated_at), info.updated_by] for info in infos]
    cli.out.table(["KEY", "UPDATED AT", "UPDATED BY"], rows)


def delete_secret(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(help="Name of the secret to delete.", metavar="KEY")
    ],
    customer: CustomerOption = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Delete without asking for confirmation."),
    ] = False,
) -> None:
    """Delete a secret after asking for confirmation."""
    from distr_secrets.vault import validate_key

    validate_key(key)
    cli = state(ctx)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, customer)
    if key not in {info.key for info in vault.secret_infos(scope)}:
        fail(f"secret {key} not found in scope {scope_label(scope)}")

    confirm(cli.out, f"Delete {key} from scope {scope_label(scope)}?", yes=yes)
    with cli.update_vault() as vault:
        vault.delete_secret(cli.resolve_customer(vault, customer), key)
    cli.out.info(f"deleted {key} from scope {scope_label(scope)}")


def import_dotenv(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            help="A dotenv file of KEY=VALUE lines, or - to read it from stdin.",
            metavar="FILE",
        ),
    ],
    customer: CustomerOption = None,
) -> None:
    """Create or update every variable of a dotenv file in one write.

    If any line is invalid, nothing is imported and the error names the line.
    """
    import sys

    from distr_secrets.cli.common import read_file_bytes
    from distr_secrets.importer import parse_dotenv

    if file == "-":
        source = "stdin"
        data = sys.stdin.buffer.read()
    else:
        source = file
        data = read_file_bytes(Path(file))
    variables = parse_dotenv(data, source)
    if not variables:
        fail(f"no variables found in {source}; nothing imported")

    cli = state(ctx)
    with cli.update_vault() as vault:
        scope = cli.resolve_customer(vault, customer)
        created, updated = vault.set_secrets(scope, variables)
    cli.out.info(
        f"imported {len(variables)} variables from {source} into scope "
        f"{scope_label(scope)}: {created} created, {updated} updated"
    )


_SET_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets set DB_PASSWORD\n\n"
    '  printf %s "$TOKEN" | distr-secrets set GITHUB_TOKEN\n\n'
    "  distr-secrets set TLS_KEY --from-file tls.key --customer acme\n\n"
    "  base64 < keystore.p12 | distr-secrets set KEYSTORE_BASE64"
)
_LIST_EXAMPLES = (
    "Examples:\n\n  distr-secrets list\n\n  distr-secrets list --customer acme --json"
)
_DELETE_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets delete GITHUB_TOKEN\n\n"
    "  distr-secrets delete DB_PASSWORD --customer acme --yes"
)
_IMPORT_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets import legacy.env\n\n"
    "  distr-secrets import acme.env --customer acme\n\n"
    "  sops -d prod.env | distr-secrets import -"
)


def register(app: typer.Typer) -> None:
    app.command("set", epilog=_SET_EXAMPLES)(set_secret)
    app.command("list", epilog=_LIST_EXAMPLES)(list_secrets)
    app.command("delete", epilog=_DELETE_EXAMPLES)(delete_secret)
    app.command("import", epilog=_IMPORT_EXAMPLES)(import_dotenv)
