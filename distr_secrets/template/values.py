"""Go values as the executor represents them, and the secrets they derive from.

A Go `string` is a `str`, `bool` a `bool`, `int` an `int`, `uint8` (a byte of a
string, from `index`) a `Uint8`, `float64` a `float`, `complex128` a `complex`,
an invalid value or nil a `None`, and a map a `GoMap`. Strings read from the
secrets map are `SecretStr`, which records the keys they came from so that
`execute_traced` can mark the output they produce.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Self

from distr_secrets.secret import MASK

NO_KEYS: frozenset[str] = frozenset()


class SecretStr(str):
    """A string derived from secret values; `keys` names the secrets."""

    keys: frozenset[str]

    def __new__(cls, value: str, keys: AbstractSet[str]) -> Self:
        instance = super().__new__(cls, value)
        instance.keys = frozenset(keys)
        return instance

    def __repr__(self) -> str:
        return f"SecretStr({MASK!r}, keys={sorted(self.keys)!r})"


class Uint8(int):
    """A Go `uint8`: the byte that `index` returns for a string."""

    keys: frozenset[str] = NO_KEYS

    __str__ = int.__repr__

    def __repr__(self) -> str:
        if self.keys:
            return f"Uint8({MASK!r})"
        return f"Uint8({int(self)})"


class GoMap(Mapping[str, object]):
    """A Go map with string keys; `type_name` is its Go type for messages."""

    __slots__ = ("entries", "type_name")

    def __init__(self, entries: Mapping[str, object], type_name: str) -> None:
        self.entries = entries
        self.type_name = type_name

    def __getitem__(self, key: str) -> object:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"GoMap({self.type_name}, {len(self.entries)} entries)"


class MissingSecret:
    """A missing `.Secrets.KEY` read where the lenient rule allows it.

    It is false as a condition. Any other use raises `error`, which is the
    error Go reports for the missing key.
    """

    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __repr__(self) -> str:
        return "MissingSecret()"


def secret_keys(value: object) -> frozenset[str]:
    """Return the keys of the secrets a value was built from."""
    if isinstance(value, (SecretStr, Uint8)):
        return value.keys
    if isinstance(value, GoMap):
        keys: set[str] = set()
        for item in value.entries.values():
            keys |= secret_keys(item)
        return frozenset(keys)
    return NO_KEYS


def keys_of_all(values: list[object]) -> frozenset[str]:
    keys: frozenset[str] = NO_KEYS
    for value in values:
        found = secret_keys(value)
        if found:
            keys = keys | found
    return keys


def with_keys(text: str, keys: frozenset[str]) -> str:
    """Return `text` marked as derived from `keys`, or plain when there are none."""
    if keys:
        return SecretStr(text, keys)
    return text


def type_name(value: object) -> str:
    """Return the Go type name of a value, as error messages print it."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, Uint8):
        return "uint8"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, complex):
        return "complex128"
    if isinstance(value, str):
        return "string"
    if isinstance(value, GoMap):
        return value.type_name
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    return "<nil>"


def is_true(value: object) -> bool | None:
    """Return Go's truth of a value (`template.IsTrue`); None when it has none."""
    if value is None or isinstance(value, MissingSecret):
        return False
    if isinstance(value, (str, Mapping)):
        return len(value) > 0
    if isinstance(value, (bool, int, float, complex)):
        return value != 0
    return None


def make_data(secrets: Mapping[str, object]) -> GoMap:
    """Build the template data `map[string]any{"Secrets": map[string]string}`."""
    entries: dict[str, SecretStr] = {}
    for key, value in secrets.items():
        reveal = getattr(value, "reveal", None)
        text = reveal() if callable(reveal) else value
        if not isinstance(text, str):
            raise TypeError(f"secret {key!r} must be a str")
        entries[key] = SecretStr(text, {key})
    secrets_map = GoMap(entries, "map[string]string")
    return GoMap({"Secrets": secrets_map}, "map[string]interface {}")
