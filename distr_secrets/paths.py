"""File locations of distr-secrets: vaults, identity, per-machine state, configuration.

`DISTR_SECRETS_HOME` moves everything under one directory (tests and CI use
it). Without it, data goes where platformdirs puts user data and the config
file where it puts user configuration.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from distr_secrets.errors import DistrError

APP_NAME = "distr-secrets"
HOME_VARIABLE = "DISTR_SECRETS_HOME"
DEFAULT_ORG = "default"

_ORG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
_MAX_ORG_LENGTH = 64


class InvalidOrgName(DistrError):
    """An organization name that cannot name a vault file."""


@dataclass(frozen=True)
class Paths:
    """The directories and files of one installation."""

    data_dir: Path
    config_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def identity_file(self) -> Path:
        return self.data_dir / "identity"

    @property
    def state_dir(self) -> Path:
        """Directory for per-machine state such as the vault version counters."""
        return self.data_dir / "state"

    @property
    def vault_dir(self) -> Path:
        return self.data_dir / "vaults"

    def vault_file(self, org: str) -> Path:
        validate_org_name(org)
        return self.vault_dir / f"{org}.vault"


def resolve_paths(env: Mapping[str, str]) -> Paths:
    """Return the paths under `DISTR_SECRETS_HOME`, else the platform's user dirs."""
    home = env.get(HOME_VARIABLE)
    if home:
        root = Path(home).expanduser()
        if root.exists() and not root.is_dir():
            raise DistrError(
                f"{HOME_VARIABLE} is {root}, which is not a directory; set it "
                "to a directory (it is created if missing)"
            )
        return Paths(data_dir=root / "data", config_dir=root / "config")

    import platformdirs

    return Paths(
        data_dir=platformdirs.user_data_path(APP_NAME),
        config_dir=platformdirs.user_config_path(APP_NAME),
    )


def validate_org_name(org: str) -> None:
    """Raise InvalidOrgName unless `org` is a slug usable as a file name."""
    if len(org) > _MAX_ORG_LENGTH or not _ORG_PATTERN.fullmatch(org):
        raise InvalidOrgName(
            f"invalid organization name {json.dumps(org)}: use lowercase letters, digits "
            f"and hyphens, starting with a letter or digit, at most "
            f"{_MAX_ORG_LENGTH} characters"
        )
