"""`members`, `verify` and `merge`: a vault shared by a team and its customers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from distr_secrets.cli.common import (
    JsonOption,
    confirm,
    quote,
    scope_label,
    state,
    usage_error,
)

members_app = typer.Typer(
    help="List the members of the vault, or add, change and remove them (admins).",
    epilog=(
        "Examples:\n\n"
        "  distr-secrets members\n\n"
        '  distr-secrets members add "Bob <bob@example.com>" dsr1... --role read_write\n\n'
        '  distr-secrets members add "Ann (Acme)" dsr1... --customer acme --role admin\n\n'
        "  distr-secrets members set-role bob read_only\n\n"
        "  distr-secrets members remove bob --yes"
    ),
    invoke_without_command=True,
)


ROLES = ("read_only", "read_write", "admin")


def checked_role(role: str, where: str) -> str:
    """Return `role`; a role that does not exist is a usage error naming `where`."""
    if role not in ROLES:
        usage_error(f"invalid value for {where}: {quote(role)}; use {', '.join(ROLES)}")
    return role


WhoArgument = Annotated[
    str,
    typer.Argument(
        help="Member's name, a unique prefix of it, or their recipient.", metavar="WHO"
    ),
]


@members_app.callback()
def list_members(
    ctx: typer.Context,
    as_json: JsonOption = False,
) -> None:
    """List members with their role, scope and recipient."""
    if ctx.invoked_subcommand is not None:
        return
    cli = state(ctx)
    members = cli.read_vault().members()

    if as_json:
        cli.out.json(
            [
                {
                    "name": member.name,
                    "role": member.role,
                    "scope": _member_scope(member.customer),
                    "customer": member.customer,
                    "recipient": member.recipient,
                }
                for member in members
            ]
        )
        return
    rows = [
        [member.name, member.role, _member_scope(member.customer), member.recipient]
        for member in members
    ]
    cli.out.table(["NAME", "ROLE", "SCOPES", "RECIPIENT"], rows)


def _member_scope(customer: str | None) -> str:
    """Vendor members reach every scope; customer members only their own."""
    return "all" if customer is None else customer


@members_app.command(
    "add",
    epilog=(
        "Examples:\n\n"
        "  distr-secrets members add ci dsr1... --role read_only\n\n"
        '  distr-secrets members add "Ann (Acme)" dsr1... --customer acme --role admin'
    ),
)
def add_member(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="Display name of the new member.", metavar="NAME")
    ],
    recipient: Annotated[
        str,
        typer.Argument(
            help="Their recipient, from `distr-secrets identity`.", metavar="RECIPIENT"
        ),
    ],
    role: Annotated[
        str,
        typer.Option("--role", help="read_only, read_write or admin.", metavar="ROLE"),
    ],
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer",
            "-c",
            help="Limit the member to this customer's scope.",
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Add a member and seal the keys of the scopes they may read to them."""
    checked_role(role, "--role")
    cli = state(ctx)
    with cli.update_vault() as vault:
        scope = cli.resolve_customer(vault, customer)
        vault.add_member(name, recipient, role, customer=scope)
    where = "every scope" if scope is None else f"customer {scope_label(scope)}"
    cli.out.info(f"added {name} as {role} for {where}")


@members_app.command(
    "set-role", epilog="Examples:\n\n  distr-secrets members set-role bob read_only"
)
def set_member_role(
    ctx: typer.Context,
    who: WhoArgument,
    role: Annotated[
        str, typer.Argument(help="read_only, read_write or admin.", metavar="ROLE")
    ],
) -> None:
    """Change a member's role; lowering access rotates the affected scope keys."""
    checked_role(role, "ROLE")
    cli = state(ctx)
    with cli.update_vault() as vault:
        name = vault.set_role(who, role)
    cli.out.info(f"set the role of {name} to {role}")


@members_app.command(
    "remove", epilog="Examples:\n\n  distr-secrets members remove bob --yes"
)
def remove_member(
    ctx: typer.Context,
    who: WhoArgument,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Remove without asking for confirmation."),
    ] = False,
) -> None:
    """Remove a member and rotate the keys of every scope they could read.

    Copies of the vault file they already have stay readable to them.
    """
    cli = state(ctx)
    confirm(cli.out, f"Remove member {who} and rotate their scope keys?", yes=yes)
    with cli.update_vault() as vault:
        name = vault.remove_member(who)
    cli.out.info(f"removed {name}")


def verify_vault(ctx: typer.Context) -> None:
    """Check every signature, role and the member list of the vault."""
    cli = state(ctx)
    vault = cli.read_vault()
    for line in vault.verify():
        cli.out.data(line)
    cli.out.info(f"vault {cli.vault_path} verified")


def merge_vaults(
    ctx: typer.Context,
    ours: Annotated[
        Path,
        typer.Argument(help="Our version (%A); receives the result.", metavar="OURS"),
    ],
    base: Annotated[
        Path, typer.Argument(help="The common ancestor (%O).", metavar="BASE")
    ],
    theirs: Annotated[
        Path, typer.Argument(help="Their version (%B).", metavar="THEIRS")
    ],
    repository_path: Annotated[
        Path | None,
        typer.Option(
            "--path",
            help="The file's path in the repository (%P), named in messages.",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Merge two versions of a vault file, as a git merge driver.

    Changes to different keys are combined and written into OURS. The same
    key changed on both sides is a conflict: the keys are named, never the
    values, and the exit status is 1 so that git marks the file as conflicted.
    """
    from distr_secrets.vault import merge_files

    cli = state(ctx)
    merge_files(
        ours,
        base,
        theirs,
        cli.identity(),
        cli.paths.state_dir,
        repository_path=repository_path,
    )
    if repository_path is None:
        cli.out.info(f"merged {theirs} into {ours}")
    else:
        cli.out.info(f"merged both branches' versions of {repository_path}")


_VERIFY_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets verify\n\n"
    "  distr-secrets --vault deploy/secrets.vault verify"
)
_MERGE_EXAMPLES = (
    "Examples:\n\n"
    "  git config merge.distr-secrets.driver \\\n"
    "    'distr-secrets merge --path %P %A %O %B'\n\n"
    "  echo '*.vault merge=distr-secrets' >> .gitattributes\n\n"
    "  git merge feature    # runs distr-secrets merge on each changed vault"
)


def register(app: typer.Typer) -> None:
    app.add_typer(members_app, name="members")
    app.command("verify", epilog=_VERIFY_EXAMPLES)(verify_vault)
    app.command("merge", epilog=_MERGE_EXAMPLES)(merge_vaults)
