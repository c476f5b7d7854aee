"""`distr-secrets identity`: show this machine's recipient or export its identity."""

from __future__ import annotations

import typer

from distr_secrets.cli.common import state

identity_app = typer.Typer(
    help="Print this identity's recipient, which an admin adds with `members add`.",
    epilog=(
        "Examples:\n\n"
        "  distr-secrets identity\n\n"
        "  distr-secrets identity export | gh secret set DISTR_SECRETS_IDENTITY"
    ),
    invoke_without_command=True,
)


@identity_app.callback()
def show_recipient(ctx: typer.Context) -> None:
    """Print the public recipient on one line; create the identity on first use."""
    if ctx.invoked_subcommand is not None:
        return
    cli = state(ctx)
    cli.out.data(cli.identity_or_create().recipient)


@identity_app.command(
    "export",
    epilog=(
        "Examples:\n\n"
        "  distr-secrets identity export | gh secret set DISTR_SECRETS_IDENTITY"
    ),
)
def export_identity(ctx: typer.Context) -> None:
    """Print the secret identity for the DISTR_SECRETS_IDENTITY variable of CI.

    Anyone holding this string can read and sign as this identity: put it only
    in a CI secret store, never in a file in git.
    """
    cli = state(ctx)
    identity = cli.identity()
    cli.out.warn(
        "the next line is a secret key: store it only as the CI secret "
        "DISTR_SECRETS_IDENTITY and never commit it"
    )
    cli.out.data(identity.export())


def register(app: typer.Typer) -> None:
    app.add_typer(identity_app, name="identity")
