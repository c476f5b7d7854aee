"""The user's configuration file (TOML), which sets the default organization."""

from __future__ import annotations

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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except IsADirectoryError:
        raise InvalidConfig(
            f"failed to read config file {path}: it is a directory; remove it or "
            "replace it with a TOML file"
        ) from None
    except NotADirectoryError:
        raise InvalidConfig(
            f"failed to read config file {path}: a part of the path is a file, "
            "not a directory; check DISTR_SECRETS_HOME"
        ) from None
    except OSError as exc:
        raise InvalidConfig(
            f"failed to read config file {path}: {exc.strerror or exc}"
        ) from None
    except UnicodeDecodeError as exc:
        raise InvalidConfig(
            f"failed to read config file {path}: not UTF-8 at byte {exc.start}"
        ) from None

    # Imported here because most installations have no config file.
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
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
