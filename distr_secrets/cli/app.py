"""The Typer app: global options, command registration and error handling."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from distr_secrets import __version__
from distr_secrets.cli import audit, customers, identity, render, secrets, team
from distr_secrets.cli.common import CliState, fail, quote
from distr_secrets.cli.output import Output
from distr_secrets.errors import DistrError, ExitCode

# NOTE: typer._click is private. Typer 0.29 ships its own copy of Click there and
# exports no ClickException; older releases depend on Click itself.
try:
    from typer._click.core import Command, Context
    from typer._click.exceptions import ClickException, NoSuchOption, UsageError
except ImportError:  # pragma: no cover - older Typer with Click as a dependency
    from click.core import (  # type: ignore[import-not-found,no-redef]
        Command,
        Context,
    )
    from click.exceptions import (  # type: ignore[import-not-found,no-redef]
        ClickException,
        NoSuchOption,
        UsageError,
    )

PROG_NAME = "distr-secrets"

# Set by the app callback: with --verbose an unexpected exception shows its
# traceback instead of one line naming its type.
_verbose = False

app = typer.Typer(
    name=PROG_NAME,
    help=(
        "Keep deployment secrets in an encrypted vault and render them into "
        "docker compose .env and Helm values.yaml files."
    ),
    epilog=(
        "Examples:\n\n"
        "  distr-secrets set DB_PASSWORD\n\n"
        "  distr-secrets render deploy.env -o .env\n\n"
        "  distr-secrets --org acme-corp list --json"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG_NAME} {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            envvar="DISTR_SECRETS_ORG",
            help=(
                "Organization whose vault to use (default: default_org in the "
                'config file, else "default").'
            ),
            metavar="NAME",
            show_envvar=True,
        ),
    ] = None,
    vault: Annotated[
        Path | None,
        typer.Option(
            "--vault",
            help="Path of a vault file to use instead of the organization's.",
            metavar="PATH",
        ),
    ] = None,
    create: Annotated[
        bool,
        typer.Option(
            "--create",
            help=(
                "Let a write command create the organization's vault although "
                "other organizations already have one (guards against a "
                "mistyped --org)."
            ),
        ),
    ] = False,
    accept_rollback: Annotated[
        bool,
        typer.Option(
            "--accept-rollback",
            help=(
                "Use a vault file older than one this machine has read, such "
                "as after a git checkout of an older branch. Every signature is "
                "checked and the newer version is forgotten."
            ),
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only data, warnings and errors."),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print which files are used.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Keep deployment secrets in an encrypted vault and render them into files."""
    from distr_secrets.config import load_config
    from distr_secrets.paths import DEFAULT_ORG, resolve_paths, validate_org_name

    global _verbose
    _verbose = verbose
    out = Output(quiet=quiet, verbose=verbose)
    paths = resolve_paths(os.environ)
    if vault is not None and vault.is_dir():
        fail(f"--vault {vault}: it is a directory; give the path of a vault file")
    if vault is not None:
        # --vault wins over DISTR_SECRETS_ORG, but two options on one command
        # line are a mistake.
        org_source = ctx.get_parameter_source("org")
        if org_source is not None and org_source.name == "COMMANDLINE":
            fail("--org and --vault select the vault in two ways; use one of them")
        org_name = vault.stem
        vault_path = vault
    else:
        if org is not None:
            org_name = org
        else:
            org_name = load_config(paths.config_file).default_org or DEFAULT_ORG
        validate_org_name(org_name)
        vault_path = paths.vault_file(org_name)

    out.debug(f"organization {quote(org_name)}, vault {vault_path}")
    ctx.obj = CliState(
        out=out,
        paths=paths,
        org=org_name,
        vault_path=vault_path,
        env=os.environ,
        org_vault=vault is None,
        create=create,
        accept_rollback=accept_rollback,
    )


def _register_commands() -> None:
    identity.register(app)
    secrets.register(app)
    customers.register(app)
    audit.register(app)
    render.register(app)
    team.register(app)
    try:
        redact = importlib.import_module("distr_secrets.cli.redact")
    except ModuleNotFoundError as exc:
        if exc.name != "distr_secrets.cli.redact":
            raise
    else:
        redact.register(app)


_register_commands()


def run(args: list[str]) -> int:
    """Run the app on `args` and return the exit status; errors go to stderr."""
    command = typer.main.get_command(app)
    _hide_flag_metavars(command)
    try:
        return _run_command(command, args)
    except Exception as exc:
        if _verbose:
            raise
        # The message of an unexpected exception could contain a secret value,
        # so only its type is printed; --verbose shows the traceback.
        _print_error(f"internal error: {type(exc).__name__}")
        return ExitCode.USER_ERROR


def _run_command(command: Command, args: list[str]) -> int:
    try:
        result = command.main(args=args, prog_name=PROG_NAME, standalone_mode=False)
    except UsageError as exc:
        message = _usage_message(exc)
        if not message:
            # No arguments at all: the help was printed instead of an error.
            return ExitCode.USAGE
        _print_error(message)
        if exc.ctx is not None:
            sys.stderr.write(f"Try '{exc.ctx.command_path} --help' for help.\n")
        return ExitCode.USAGE
    except ClickException as exc:
        _print_error(exc.format_message())
        return exc.exit_code
    except DistrError as exc:
        _print_error(str(exc))
        return exc.exit_code
    except typer.Abort:
        _print_error("aborted, nothing changed")
        return ExitCode.USER_ERROR
    except KeyboardInterrupt:
        _print_error("interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (for example `| head`); stop quietly.
        _silence_stdout()
        return ExitCode.USER_ERROR
    return result if isinstance(result, int) else ExitCode.OK


def _hide_flag_metavars(command: Command) -> None:
    """Drop the `<bool>` type that Typer's help shows after every flag.

    A flag takes no value, so a placeholder misleads. An empty metavar is
    printed as nothing; the help option is created here so that it is
    included.
    """
    context = Context(command, help_option_names=["-h", "--help"])
    help_option = command.get_help_option(context)
    params = [*command.params, *([help_option] if help_option else [])]
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""
    for subcommand in getattr(command, "commands", {}).values():
        _hide_flag_metavars(subcommand)


def _usage_message(error: UsageError) -> str:
    """Return Click's message, reworded for extra arguments and global options.

    An extra argument after `set KEY` is most often the value, so it is not
    echoed. An unknown option that is a global option gets a hint to move it.
    """
    message = error.format_message()
    if message.startswith("Got unexpected extra argument"):
        if _command_name(error.ctx) == "set":
            return (
                "unexpected extra argument; values are read from a prompt, stdin "
                "or --from-file, never from the command line"
            )
        # Click puts the extra arguments, joined by spaces, in parentheses.
        extra = message[message.index(" (") + 2 : message.rindex(")")]
        return f"unexpected extra argument {quote(extra)}"
    if isinstance(error, NoSuchOption) and error.ctx is not None:
        return message + _global_option_hint(error.ctx, error.option_name)
    return message


def _command_name(ctx: Context | None) -> str | None:
    """Return the command path without the program name, such as `members add`."""
    if ctx is None or ctx.parent is None:
        return None
    return ctx.command_path.split(" ", 1)[1]


def _global_option_hint(ctx: Context, option_name: str) -> str:
    """Return a hint to move a global option before the command, else `""`."""
    global_options = {
        name
        for param in ctx.find_root().command.params
        for name in [*param.opts, *param.secondary_opts]
    }
    command = _command_name(ctx)
    if command is None or option_name not in global_options:
        return ""
    return (
        f"; {option_name} is a global option, so put it before the command "
        f"name {quote(command)}"
    )


def _print_error(message: str) -> None:
    sys.stdout.flush()
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
