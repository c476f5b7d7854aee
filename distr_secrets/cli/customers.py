"""`customers`, `customers add` and `customers remove`: the customer scopes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from distr_secrets.cli.common import JsonOption, confirm, quote, state

if TYPE_CHECKING:
    from distr_secrets.vault import CustomerRemoval

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
    as_json: JsonOption = False,
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
    """Remove a customer: delete its secrets and remove its members.

    The customer's audit events stay readable to vendor members.
    """
    cli = state(ctx)
    vault = cli.read_vault()
    cli.resolve_customer(vault, name)
    removal = vault.customer_removal(name)

    confirm(cli.out, f"Remove customer {name}, {_describe(removal)}?", yes=yes)
    with cli.update_vault() as vault:
        removal = vault.remove_customer(name)
    cli.out.info(
        f"removed customer {name}: deleted {_count(removal.secret_count, 'secret')}, "
        f"removed {_member_list(removal)}; its "
        f"{_count(removal.audit_events, 'audit event')} "
        f"{'stays' if removal.audit_events == 1 else 'stay'} in the vendor "
        "scope's audit trail"
    )


def _describe(removal: CustomerRemoval) -> str:
    """Describe what a removal deletes, for the confirmation question."""
    return (
        f"delete its {_count(removal.secret_count, 'secret')} and remove "
        f"{_member_list(removal)}"
    )


def _member_list(removal: CustomerRemoval) -> str:
    """Name the customer's members, e.g. `2 members ("Ann", "Bob")`."""
    if not removal.members:
        return "0 members"
    names = ", ".join(quote(member.name) for member in removal.members)
    return f"{_count(len(removal.members), 'member')} ({names})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def register(app: typer.Typer) -> None:
    app.add_typer(customers_app, name="customers")
