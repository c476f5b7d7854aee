"""`redact`, `run` and `mask`: keep secret values out of logs."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from distr_secrets.cli.common import (
    CliState,
    fail,
    read_file_bytes,
    scope_label,
    state,
)
from distr_secrets.derived import (
    DEFAULT_MIN_LENGTH,
    MAX_VALUE_LENGTH,
    PatternSet,
    secret_patterns,
)

if TYPE_CHECKING:
    from distr_secrets.secret import SecretValue
    from distr_secrets.vault import Vault

CustomerOption = Annotated[
    str | None,
    typer.Option(
        "--customer",
        "-c",
        help="Use this customer's secrets instead of the vendor's.",
        metavar="NAME",
    ),
]
AllScopesOption = Annotated[
    bool,
    typer.Option(
        "--all-scopes",
        help="Mask the secrets of the vendor and of every customer you can read.",
    ),
]
MinLengthOption = Annotated[
    int,
    typer.Option(
        "--min-length",
        min=1,
        help="Shortest value or derived form that is masked, in bytes.",
        metavar="N",
    ),
]


def redact(
    ctx: typer.Context,
    customer: CustomerOption = None,
    all_scopes: AllScopesOption = False,
    min_length: MinLengthOption = DEFAULT_MIN_LENGTH,
) -> None:
    """Copy stdin to stdout with every secret value replaced by ********.

    Masks the current and earlier values of the scope's secrets and their
    encoded forms (base64, percent-encoding, JSON, .env and shell quoting).
    Complete lines are written at once, so it works on a live log.
    """
    from distr_secrets.redact import Redactor
    from distr_secrets.runner import copy_redacted

    cli = state(ctx)
    # The pattern set is dropped once compiled: for long values it is large.
    redactor = Redactor(load_patterns(cli, customer, all_scopes, min_length).patterns)
    try:
        copy_redacted(0, 1, redactor, source_name="standard input")
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as `cat` does.
        silence_stdout()


def run_command(
    ctx: typer.Context,
    command: Annotated[
        list[str], typer.Argument(help="The command and its arguments, after --.")
    ],
    customer: CustomerOption = None,
    env_file: Annotated[
        Path | None,
        typer.Option(
            "--env-file",
            help=(
                "Render this .env template and put its variables in the "
                "environment instead of every secret of the scope."
            ),
            dir_okay=False,
            metavar="TEMPLATE",
        ),
    ] = None,
    min_length: MinLengthOption = DEFAULT_MIN_LENGTH,
) -> None:
    """Run COMMAND with the scope's secrets in its environment, output redacted.

    Its stdout and stderr each pass through the redactor. Signals that other
    processes send to distr-secrets are forwarded to the command, and the exit
    status is the command's (128 + N when signal N killed it).
    """
    from distr_secrets.redact import Redactor
    from distr_secrets.runner import find_nul_byte, nul_byte_error, run_redacted

    cli = state(ctx)
    vault = cli.read_vault()
    scope = cli.resolve_customer(vault, customer)
    secrets = vault.values(scope)
    values = {key: value.reveal() for key, value in secrets.items()}
    secret_origins = {key: f"secret {key} ({scope_label(scope)})" for key in values}
    if env_file is None:
        key = find_nul_byte(values)
        if key is not None:
            raise nul_byte_error(f"the {secret_origins[key]}")
        variables = values
        origins = secret_origins
    else:
        variables = render_env_file(env_file, values, secret_origins)
        origins = {name: f"file {env_file}" for name in variables}
    patterns = patterns_for_scopes(
        cli, vault, [scope], min_length, current={scope: secrets}
    )
    redactor = Redactor(patterns.patterns)
    del patterns

    env = {**os.environ, **variables}
    status = run_redacted(command, env, redactor.clone, origins=origins)
    raise typer.Exit(status)


def mask(
    ctx: typer.Context,
    github_actions: Annotated[
        bool,
        typer.Option(
            "--github-actions",
            help="Print ::add-mask:: workflow commands for GitHub Actions.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Print the commands on a terminal or outside GitHub Actions too.",
        ),
    ] = False,
    customer: CustomerOption = None,
    all_scopes: AllScopesOption = False,
    min_length: MinLengthOption = DEFAULT_MIN_LENGTH,
) -> None:
    """Print commands that make a CI system mask every value and derived form.

    Each line contains a value, so the output must go to the runner, never to
    a terminal, a file or an artifact. Without --force, mask prints nothing
    when stdout is a terminal or when GITHUB_ACTIONS is not "true" (the runner
    sets it whenever GitHub Actions runs the workflow).
    """
    if not github_actions:
        raise typer.BadParameter("choose the CI system, for example --github-actions")
    cli = state(ctx)
    if not force:
        check_github_actions_output(cli.env)
    patterns = load_patterns(cli, customer, all_scopes, min_length)
    lines = [github_add_mask(pattern) for pattern in sorted(patterns.patterns)]
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(b"".join(lines))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        silence_stdout()


def check_github_actions_output(env: Mapping[str, str]) -> None:
    """Fail unless stdout goes to a GitHub Actions runner rather than a person.

    The runner sets GITHUB_ACTIONS=true and reads a step's stdout through a
    pipe, so a terminal or another environment means the values would show.
    """
    if sys.stdout.isatty():
        fail(
            "not printing ::add-mask:: commands to a terminal, because each one "
            "contains a secret value; run mask in a GitHub Actions step, or pass "
            "--force"
        )
    if env.get("GITHUB_ACTIONS") != "true":
        fail(
            'not printing ::add-mask:: commands, because GITHUB_ACTIONS is not "true" '
            "and each one contains a secret value; run mask in a GitHub Actions "
            "step, or pass --force"
        )


def github_add_mask(pattern: bytes) -> bytes:
    """Return the `::add-mask::` workflow command for one pattern, with a newline.

    GitHub Actions reads `%`, CR and LF in a command value as `%25`, `%0D` and
    `%0A`, so those three are escaped.
    """
    escaped = (
        pattern.replace(b"%", b"%25").replace(b"\r", b"%0D").replace(b"\n", b"%0A")
    )
    return b"::add-mask::" + escaped + b"\n"


def load_patterns(
    cli: CliState, customer: str | None, all_scopes: bool, min_length: int
) -> PatternSet:
    """Read the chosen scopes and build their patterns, warning about short keys."""
    if customer is not None and all_scopes:
        fail("--customer and --all-scopes choose the scopes in two ways; use one")
    vault = cli.read_vault()
    if all_scopes:
        vendor: list[str | None] = [None] if can_read_vendor(vault) else []
        scopes = [*vendor, *vault.customers()]
    else:
        scopes = [cli.resolve_customer(vault, customer)]
    return patterns_for_scopes(cli, vault, scopes, min_length)


def can_read_vendor(vault: Vault) -> bool:
    """Return False for a member limited to customer scopes."""
    from distr_secrets.vault import AccessDenied

    try:
        vault.secret_infos(None)
    except AccessDenied:
        return False
    return True


def patterns_for_scopes(
    cli: CliState,
    vault: Vault,
    scopes: list[str | None],
    min_length: int,
    current: Mapping[str | None, Mapping[str, SecretValue]] | None = None,
) -> PatternSet:
    """Build patterns from current and earlier values; warn once per key not masked.

    `current` contains current values already decrypted for some scopes, so
    that they are not decrypted twice.
    """
    current = current or {}
    secrets: dict[str, list[str]] = {}
    for scope in scopes:
        previous = vault.previous_values(scope)
        values = current[scope] if scope in current else vault.values(scope)
        for key, value in values.items():
            label = f"{key} ({scope_label(scope)})"
            earlier = [old.reveal() for old in previous.get(key, [])]
            secrets[label] = [value.reveal(), *earlier]

    patterns = secret_patterns(secrets, min_length)
    for label in patterns.short_keys:
        cli.out.warn(
            f"not masking {label}: a value is shorter than {min_length} bytes "
            "(--min-length sets the limit)"
        )
    for label in patterns.long_keys:
        cli.out.warn(
            f"not masking {label}: a value is longer than {MAX_VALUE_LENGTH} "
            "bytes, the maximum that is masked"
        )
    if not patterns.patterns:
        cli.out.warn("no secret values to mask in the chosen scopes")
    return patterns


def render_env_file(
    template: Path, values: dict[str, str], origins: Mapping[str, str]
) -> dict[str, str]:
    """Render a .env template and return its variables as docker compose reads them.

    Compose interpolates `$NAME`, `${NAME:-default}` and `$$` in unquoted and
    double-quoted values and unescapes `\\$` in double quotes, so the variables
    are read with compose's rules rather than python-dotenv's. Names in `$`
    expressions are looked up in our environment first, then among the
    variables defined earlier in the file, as compose does.

    A referenced secret whose value contains a NUL byte fails first, with the
    message that names its origin in `origins` (key and scope).
    """
    from distr_secrets.cli.render import template_errors
    from distr_secrets.formats.compose_env import EnvSyntaxError, resolve_env
    from distr_secrets.rendering import render_document
    from distr_secrets.runner import find_nul_byte, nul_byte_error
    from distr_secrets.template import parse

    source = read_file_bytes(template).decode("utf-8", errors="surrogateescape")
    with template_errors(source, template.name):
        references = parse(source, template.name).references()
        used = {
            reference.key: values[reference.key]
            for reference in references
            if reference.key in values
        }
        key = find_nul_byte(used)
        if key is not None:
            raise nul_byte_error(f"the {origins[key]} used in {template}")
        text = render_document(source, values, name=template.name, format="env")
    try:
        return resolve_env(text, os.environ)
    except EnvSyntaxError as error:
        fail(f"invalid .env output rendered from {template}: {error}")


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def register(app: typer.Typer) -> None:
    app.command("redact", epilog=REDACT_EXAMPLES)(redact)
    app.command(
        "run",
        epilog=RUN_EXAMPLES,
        context_settings={"allow_interspersed_args": False},
    )(run_command)
    app.command("mask", epilog=MASK_EXAMPLES)(mask)


REDACT_EXAMPLES = (
    "Examples:\n\n"
    "  kubectl logs -f deploy/api | distr-secrets redact\n\n"
    "  docker compose logs | distr-secrets redact --customer acme"
)
RUN_EXAMPLES = (
    "Examples:\n\n"
    "  distr-secrets run -- ./migrate.sh\n\n"
    "  distr-secrets run --customer acme --env-file deploy.env -- docker compose up"
)
MASK_EXAMPLES = (
    "Example (a GitHub Actions step):\n\n  distr-secrets mask --github-actions\n\n"
    "Count the commands without showing them:\n\n"
    "  distr-secrets mask --github-actions --force | wc -l"
)
