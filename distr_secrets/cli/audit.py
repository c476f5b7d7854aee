"""`distr-secrets audit`: who created, updated or deleted which key, and when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from distr_secrets.cli.common import CliState, JsonOption, format_time, json_time, state

if TYPE_CHECKING:
    from distr_secrets.vault import AuditEvent, Vault


def show_audit(
    ctx: typer.Context,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer", "-c", help="Show only this customer's scope.", metavar="NAME"
        ),
    ] = None,
    vendor: Annotated[
        bool, typer.Option("--vendor", help="Show only the vendor scope.")
    ] = False,
    key: Annotated[
        str | None,
        typer.Option("--key", "-k", help="Show only this key.", metavar="KEY"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the audit trail, oldest event first; values are never recorded.

    DETAIL describes member changes, such as `Bob from read_write to
    read_only`. Events of a removed customer stay listed under its name.
    """
    from distr_secrets.cli.common import fail
    from distr_secrets.vault import ALL_SCOPES

    if vendor and customer is not None:
        fail("--vendor and --customer select two scopes; use one of them")

    cli = state(ctx)
    vault = cli.read_vault()
    if vendor:
        events = vault.audit_events(None, key=key)
    elif customer is not None:
        events = _customer_events(cli, vault, customer, key)
    else:
        events = vault.audit_events(ALL_SCOPES, key=key)

    if as_json:
        cli.out.json(
            [
                {
                    "time": json_time(event.time),
                    "action": event.action,
                    "scope": event.scope,
                    "key": event.key,
                    "actor": event.actor,
                    "actor_recipient": event.actor_recipient,
                    "signer": event.signer,
                    "detail": event.detail,
                    "member": event.member,
                    "role": event.role,
                    "old_role": event.old_role,
                    "copied": event.copied,
                }
                for event in events
            ]
        )
        return
    if not events:
        cli.out.info("no audit events match")
        return
    rows = [
        [
            format_time(event.time),
            event.action,
            event.scope,
            event.key or "",
            event.actor,
            event.detail or "",
        ]
        for event in events
    ]
    cli.out.table(["TIME", "ACTION", "SCOPE", "KEY", "ACTOR", "DETAIL"], rows)


def _customer_events(
    cli: CliState, vault: Vault, customer: str, key: str | None
) -> list[AuditEvent]:
    """Return the events of a customer's scope, or of a removed customer.

    A removed customer's events are the ones copied into the vendor scope's
    trail when it was removed, followed by its `customer-remove` event. A
    name with no scope and no copied events fails as an unknown customer.
    """
    # NOTE: a customer that was removed and then added again under the same
    # name shows only its new scope's events here. `audit` without
    # --customer lists both.
    if customer not in vault.customers():
        named = [event for event in vault.audit_events(None) if event.scope == customer]
        if any(event.copied for event in named):
            return [event for event in named if key is None or event.key == key]
    return vault.audit_events(cli.resolve_customer(vault, customer), key=key)


_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets audit\n\n"
    "  distr-secrets audit --customer acme --key DB_PASSWORD\n\n"
    "  distr-secrets audit --vendor --json"
)


def register(app: typer.Typer) -> None:
    app.command("audit", epilog=_EXAMPLES)(show_audit)
