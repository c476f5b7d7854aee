"""`customers`, `customers add` and `customers remove`: the customer scopes."""

from __future__ import annotations

from typing import Annotated

import typer

from distr_secrets.cli.common import confirm, state

customers_app = typer.Typer(
    help="List customers with their secret counts, or add and remove them.",
    epilog=(
        "Examples:\n\n"
        "  distr-secrets customers\n\n"
        "  distr-secrets customers add acme\n\n"
        "  distr-secrets customers remove acme --yes"
    ),
    invoke_without_command=True,
)

NameArgument = Annotated[
    str,
    typer.Argument(
        help="Customer name: lowercase letters, digits, hyphens.", metavar="NAME"
    ),
]


@customers_app.callback()
def list_customers(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of a table.")
    ] = False,
) -> None:
    """List the customers visible to this identity and their secret counts."""
    if ctx.invoked_subcommand is not None:
        return
    cli = state(ctx)
    vault = cli.read_vault()
    counts = {name: len(vault.secret_infos(name)) for name in sorted(vault.customers())}

    if as_json:
        cli.out.json([{"name": name, "secrets": n} for name, n in counts.items()])
        return
    if not counts:
        cli.out.info("no customers yet; `distr-secrets customers add NAME` adds one")
        return
    cli.out.table(
        ["CUSTOMER", "SECRETS"], [[name, str(n)] for name, n in counts.items()]
    )


@customers_app.command("add", epilog="Examples:\n\n  distr-secrets customers add acme")
def add_customer(ctx: typer.Context, name: NameArgument) -> None:
    """Add an empty customer scope with its own key."""
    from distr_secrets.vault import validate_customer_name

    validate_customer_name(name)
    cli = state(ctx)
    with cli.update_vault() as vault:
        vault.add_customer(name)
    cli.out.info(f"added customer {name}")


@customers_app.command(
    "remove", epilog="Examples:\n\n  distr-secrets customers remove acme --yes"
)
def remove_customer(
    ctx: typer.Context,
    name: NameArgument,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Remove without asking for confirmation."),
    ] = False,
) -> None:
    """Remove a customer and delete every secret in its scope."""
    cli = state(ctx)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, name)
    count = len(vault.secret_infos(scope))

    confirm(
        cli.out,
        f"Remove customer {name} and delete its {count} secrets?",
        yes=yes,
    )
    with cli.update_vault() as vault:
        vault.remove_customer(name)
    cli.out.info(f"removed customer {name} and its {count} secrets")


def register(app: typer.Typer) -> None:
    app.add_typer(customers_app, name="customers")
