"""State shared by the commands: chosen organization, vault, identity and output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from distr_secrets.cli.output import Output
from distr_secrets.errors import DistrError, ExitCode
from distr_secrets.paths import Paths

if TYPE_CHECKING:
    from distr_secrets.vault import Identity, Vault, VaultStore

VENDOR_SCOPE = "vendor"


# The `--json` flag that every listing takes.
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON instead of a table.")
]


def fail(message: str) -> NoReturn:
    """Stop the command with `error: message` on stderr and exit status 1."""
    raise DistrError(message)


class UsageProblem(DistrError):
    """A wrong option value found after parsing; exits with the usage status 2."""

    exit_code = ExitCode.USAGE


class Interrupted(DistrError):
    """Ctrl-C at a prompt; exits with status 130, as a shell reports SIGINT."""

    exit_code = ExitCode.INTERRUPTED


def end_prompt_line() -> None:
    """End the prompt's line, which Ctrl-C and Ctrl-D leave open, on stderr."""
    sys.stderr.write("\n")
    sys.stderr.flush()


def usage_error(message: str) -> NoReturn:
    """Stop the command with `error: message` and the usage exit status 2."""
    raise UsageProblem(message)


def quote(text: str) -> str:
    """Quote user text in a message with double quotes, escaping control characters."""
    return json.dumps(text, ensure_ascii=False)


def os_error_reason(error: OSError) -> str:
    """Describe why a file operation failed and what to do about it."""
    if isinstance(error, IsADirectoryError):
        return "it is a directory; give the path of a file"
    if isinstance(error, NotADirectoryError):
        return "a part of the path is a file, not a directory; check the path"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied; check the file's owner and mode"
    return (error.strerror or type(error).__name__).lower()


def read_file_bytes(path: Path) -> bytes:
    """Return the bytes of `path`; fail with `failed to read PATH: reason`."""
    try:
        return path.read_bytes()
    except OSError as error:
        fail(f"failed to read {path}: {os_error_reason(error)}")


def scope_label(customer: str | None) -> str:
    """Name a scope the way messages and tables show it."""
    return VENDOR_SCOPE if customer is None else customer


@dataclass
class CliState:
    """Organization, paths, vault file and output chosen by the app callback."""

    out: Output
    paths: Paths
    org: str
    vault_path: Path
    env: Mapping[str, str]
    # True when the vault was chosen by organization, not by --vault.
    org_vault: bool = True
    # --create: a write may start a new organization's vault next to others.
    create: bool = False
    # --accept-rollback: use a file older than the version this machine saw.
    accept_rollback: bool = False

    def identity(self) -> Identity:
        """Load the identity from `DISTR_SECRETS_IDENTITY` or the identity file."""
        from distr_secrets.vault import load_identity

        identity = load_identity(self.paths.identity_file, self.env)
        self._warn_if_identity_file_is_open()
        return identity

    def _warn_if_identity_file_is_open(self) -> None:
        """Warn when users other than the owner may read the identity file."""
        from distr_secrets.vault import ENV_VARIABLE

        if self.env.get(ENV_VARIABLE):
            return
        try:
            mode = self.paths.identity_file.stat().st_mode & 0o777
        except OSError:
            return
        if mode & 0o077:
            self.out.warn(
                f"identity file {self.paths.identity_file} has mode {mode:04o}, "
                "so other users may read its secret key; run: chmod 600 "
                f"{self.paths.identity_file}"
            )

    def identity_or_create(self) -> Identity:
        """Load the identity, creating and announcing one on first use."""
        from distr_secrets.vault import load_or_create_identity

        identity, created = load_or_create_identity(
            self.paths.identity_file, self.env, default_identity_name()
        )
        if created:
            self.out.info(
                f"created identity {quote(identity.name)} in {self.paths.identity_file}"
            )
            self.out.info(f"recipient: {identity.recipient}")
        else:
            self._warn_if_identity_file_is_open()
        return identity

    def read_vault(self) -> Vault:
        """Return the verified vault; fail when it does not exist yet."""
        if not self.vault_path.exists():
            existing = self._existing_orgs()
            hint = (
                f"existing organizations: {', '.join(existing)}"
                if self.org_vault and existing
                else "`distr-secrets set KEY` creates it"
            )
            fail(
                f"vault not found: {self.vault_path} (organization "
                f"{quote(self.org)}); {hint}"
            )
        store = self._store(self.identity())
        self.out.debug(f"reading vault {self.vault_path}")
        vault = store.read()
        self._warn_if_rollback_accepted(store)
        return vault

    @contextmanager
    def update_vault(self) -> Iterator[Vault]:
        """Lock the vault, yield it for changes and write it back atomically.

        The vault and the identity are created on first use. If the block
        raises, nothing is written.
        """
        existed = self.vault_path.exists()
        if not existed:
            self._check_new_org_vault()
        identity = self.identity_or_create()
        self.vault_path.parent.mkdir(parents=True, exist_ok=True)
        store = self._store(identity)
        with store.update() as vault:
            self._warn_if_rollback_accepted(store)
            yield vault
        if existed:
            self.out.debug(f"wrote vault {self.vault_path}")
        else:
            self.out.info(f"created vault {self.vault_path}")

    def _store(self, identity: Identity) -> VaultStore:
        from distr_secrets.vault import VaultStore

        return VaultStore(
            self.vault_path,
            identity,
            self.paths.state_dir,
            accept_rollback=self.accept_rollback,
        )

    def _warn_if_rollback_accepted(self, store: VaultStore) -> None:
        rollback = store.accepted_rollback
        if rollback is None:
            return
        self.out.warn(
            f"--accept-rollback: using {self.vault_path}, version "
            f"{rollback.version}, which is {rollback.problem} version "
            f"{rollback.seen_version} that this machine read; this machine now "
            f"forgets version {rollback.seen_version}"
        )

    def _check_new_org_vault(self) -> None:
        """Fail before creating an organization's vault next to existing ones.

        The first vault of an installation is created without asking. Once
        one exists, a new organization needs --create, so that a mistyped
        --org or DISTR_SECRETS_ORG does not start an empty vault.
        """
        if not self.org_vault or self.create:
            return
        existing = self._existing_orgs()
        if not existing:
            return
        fail(
            f"no vault for organization {quote(self.org)}; existing "
            f"organizations: {', '.join(existing)}. Check --org and "
            "DISTR_SECRETS_ORG, or pass --create before the command to start "
            f"a new vault: distr-secrets --org {self.org} --create ..."
        )

    def _existing_orgs(self) -> list[str]:
        return sorted(path.stem for path in self.paths.vault_dir.glob("*.vault"))

    def resolve_customer(self, vault: Vault, name: str | None) -> str | None:
        """Return `name` if the vault has that customer; fail listing the known ones."""
        if name is None:
            return None

        from distr_secrets.vault import UnknownCustomer, validate_customer_name

        validate_customer_name(name)
        known = sorted(vault.customers())
        if name not in known:
            raise UnknownCustomer(name, known)
        return name


def state(ctx: typer.Context) -> CliState:
    """Return the CliState that the app callback stored on the context."""
    found = ctx.find_object(CliState)
    if found is None:
        raise RuntimeError("the app callback did not run before this command")
    return found


def confirm(out: Output, question: str, *, yes: bool) -> None:
    """Ask `question` on the terminal unless `yes`, and fail if the reply is no.

    Without a terminal on stdin there is nobody to ask, so `--yes` is required.
    Ctrl-C raises Interrupted, which exits with status 130.
    """
    if yes:
        return
    if not sys.stdin.isatty():
        fail(f"{question.rstrip('?')}: confirmation needed, pass --yes")
    sys.stdout.flush()
    try:
        # The prompt is written inside the try, so that a Ctrl-C typed as
        # soon as it shows is handled here too.
        sys.stderr.write(f"{question} [y/N]: ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        end_prompt_line()
        raise Interrupted("interrupted, nothing changed") from None
    if not answer:
        end_prompt_line()
        fail("no answer, nothing changed")
    if answer.strip().lower() not in ("y", "yes"):
        fail("cancelled, nothing changed")


def default_identity_name() -> str:
    """Return `user@host` as the display name of a new identity."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"{user}@{socket.gethostname()}"


def format_time(moment: datetime) -> str:
    """Format a UTC datetime for tables, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def json_time(moment: datetime) -> str:
    """Format a datetime for JSON output as ISO 8601 in UTC."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
