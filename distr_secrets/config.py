"""The user's configuration file (TOML), which holds the default organization."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from distr_secrets.errors import DistrError
from distr_secrets.paths import validate_org_name


class InvalidConfig(DistrError):
    """A configuration file that cannot be read or has a wrong setting."""


@dataclass(frozen=True)
class Config:
    """Settings read from `config.toml`; a missing file gives the defaults."""

    default_org: str | None = None


def load_config(path: Path) -> Config:
    """Read `path`; raise InvalidConfig naming the file and the setting at fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidConfig(f"failed to read config file {path}: {exc}") from None

    default_org = data.get("default_org")
    if default_org is None:
        return Config()
    if not isinstance(default_org, str):
        raise InvalidConfig(f"invalid default_org in {path}: expected a string")
    try:
        validate_org_name(default_org)
    except DistrError as exc:
        raise InvalidConfig(f"invalid default_org in {path}: {exc}") from None
    return Config(default_org=default_org)


def save_config(path: Path, config: Config) -> None:
    """Write `config` to `path` atomically, creating the directory if needed."""
    import tomli_w

    data = {}
    if config.default_org is not None:
        data["default_org"] = config.default_org

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(tomli_w.dumps(data), encoding="utf-8")
    os.replace(temporary, path)
