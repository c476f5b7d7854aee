"""The builtin functions of Go's `text/template` (`funcs.go`), on Python values.

Each function takes evaluated arguments and returns a value, or raises
FuncError; the executor reports that as `error calling NAME: MESSAGE`.
`and` and `or` are not here because they evaluate their arguments lazily, so
the executor implements them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from distr_secrets.secret import MASK
from distr_secrets.template import escape, gofmt
from distr_secrets.template.strconv import from_bytes, to_bytes
from distr_secrets.template.values import (
    GoMap,
    Uint8,
    is_true,
    keys_of_all,
    secret_keys,
    type_name,
    with_keys,
)

# Parameter types, as far as the executor's argument checks need them: a
# reflect.Value, an empty interface, or a string.
VALUE = "reflect.Value"
ANY = "interface {}"
STRING = "string"


class FuncError(Exception):
    """A builtin's error; the executor prefixes `error calling NAME: `."""


@dataclass(frozen=True)
class Signature:
    """A builtin's Go parameter list, for argument counting and checking."""

    params: tuple[str, ...]
    variadic: bool


SIGNATURES: dict[str, Signature] = {
    "and": Signature((VALUE, VALUE), True),
    "or": Signature((VALUE, VALUE), True),
    "not": Signature((VALUE,), False),
    "call": Signature((VALUE, VALUE), True),
    "html": Signature((ANY,), True),
    "js": Signature((ANY,), True),
    "urlquery": Signature((ANY,), True),
    "index": Signature((VALUE, VALUE), True),
    "slice": Signature((VALUE, VALUE), True),
    "len": Signature((VALUE,), False),
    "print": Signature((ANY,), True),
    "printf": Signature((STRING, ANY), True),
    "println": Signature((ANY,), True),
    "eq": Signature((VALUE, VALUE), True),
    "ne": Signature((VALUE, VALUE), False),
    "lt": Signature((VALUE, VALUE), False),
    "le": Signature((VALUE, VALUE), False),
    "gt": Signature((VALUE, VALUE), False),
    "ge": Signature((VALUE, VALUE), False),
}


def truth(value: object) -> bool:
    return bool(is_true(value))


def builtin_not(value: object) -> bool:
    return not truth(value)


# Indexing and slicing.


def _index_arg(index: object, cap: int) -> int:
    if isinstance(index, int) and not isinstance(index, bool):
        position = int(index)
    elif index is None:
        raise FuncError("cannot index slice/array with nil")
    else:
        raise FuncError(f"cannot index slice/array with type {type_name(index)}")
    if position < 0 or position > cap:
        raise FuncError(f"index out of range: {position}")
    return position


def builtin_index(item: object, *indexes: object) -> object:
    if item is None:
        raise FuncError("index of untyped nil")
    for index in indexes:
        if item is None:
            # A missing entry of a map[string]interface {} is a nil interface.
            raise FuncError("index of nil pointer")
        if isinstance(item, str):
            data = to_bytes(item)
            position = _index_arg(index, len(data))
            if position >= len(data):
                raise FuncError("reflect: string index out of range")
            byte = Uint8(data[position])
            byte.keys = secret_keys(item)
            item = byte
        elif isinstance(item, Mapping):
            key = _map_key(index)
            if key in item:
                item = item[key]
            else:
                item = _zero_element(item)
        else:
            raise FuncError(f"can't index item of type {type_name(item)}")
    return item


def _map_key(index: object) -> str:
    if index is None:
        raise FuncError("value is nil; should be of type string")
    if not isinstance(index, str):
        raise FuncError(f"value has type {type_name(index)}; should be string")
    return index


def _zero_element(item: Mapping[str, object]) -> object:
    if isinstance(item, GoMap) and item.type_name == "map[string]string":
        return ""
    return None


def builtin_slice(item: object, *indexes: object) -> object:
    if item is None:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError(f"too many slice indexes: {len(indexes)}")
    if not isinstance(item, str):
        raise FuncError(f"can't slice item of type {type_name(item)}")
    if len(indexes) == 3:
        raise FuncError("cannot 3-index slice a string")
    data = to_bytes(item)
    bounds = [0, len(data)]
    # NOTE: Go names an index read from map[string]interface {} (such as
    # .Secrets) "type interface {}" in the error below; here it is the
    # value's own type.
    for position, index in enumerate(indexes):
        bounds[position] = _index_arg(index, len(data))
    if bounds[0] > bounds[1]:
        raise FuncError(f"invalid slice index: {bounds[0]} > {bounds[1]}")
    return with_keys(from_bytes(data[bounds[0] : bounds[1]]), secret_keys(item))


def builtin_len(item: object) -> int:
    if item is None:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(to_bytes(item))
    if isinstance(item, Mapping):
        return len(item)
    raise FuncError(f"len of type {type_name(item)}")


# Comparison.

_BOOL, _COMPLEX, _INT, _FLOAT, _STRING, _UINT = range(1, 7)


def _basic_kind(value: object) -> int | None:
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, Uint8):
        return _UINT
    if isinstance(value, int):
        return _INT
    if isinstance(value, float):
        return _FLOAT
    if isinstance(value, complex):
        return _COMPLEX
    if isinstance(value, str):
        return _STRING
    return None


def _same_kind_equal(kind: int, left: object, right: object) -> bool:
    if kind == _STRING:
        return to_bytes(left) == to_bytes(right)  # type: ignore[arg-type]
    return left == right


def builtin_eq(first: object, *others: object) -> bool:
    if not others:
        raise FuncError("missing argument for comparison")
    first_kind = _basic_kind(first)
    for other in others:
        other_kind = _basic_kind(other)
        if first_kind != other_kind:
            if {first_kind, other_kind} == {_INT, _UINT}:
                if first == other:
                    return True
                continue
            if first is not None and other is not None:
                raise FuncError(
                    "incompatible types for comparison: "
                    f"{type_name(first)} and {type_name(other)}"
                )
            continue
        if first_kind is not None:
            if _same_kind_equal(first_kind, first, other):
                return True
            continue
        # Neither is a basic kind: nil or maps.
        if first is None or other is None:
            if (first is None) == (other is None):
                return True
            continue
        raise FuncError(f"non-comparable type {_printed(other)}: {type_name(other)}")
    return False


def _printed(value: object) -> str:
    """Print a value for an error message, masking values derived from secrets."""
    if secret_keys(value):
        return MASK
    return gofmt.sprint([value])


def builtin_ne(first: object, second: object) -> bool:
    return not builtin_eq(first, second)


def builtin_lt(first: object, second: object) -> bool:
    first_kind = _basic_kind(first)
    second_kind = _basic_kind(second)
    if first_kind is None or second_kind is None:
        raise FuncError("invalid type for comparison")
    if first_kind != second_kind:
        if {first_kind, second_kind} == {_INT, _UINT}:
            return first < second  # type: ignore[operator]
        raise FuncError(
            "incompatible types for comparison: "
            f"{type_name(first)} and {type_name(second)}"
        )
    if first_kind in (_BOOL, _COMPLEX):
        raise FuncError("invalid type for comparison")
    if first_kind == _STRING:
        return to_bytes(first) < to_bytes(second)  # type: ignore[arg-type]
    return first < second  # type: ignore[operator]


def builtin_le(first: object, second: object) -> bool:
    if builtin_lt(first, second):
        return True
    return builtin_eq(first, second)


def builtin_gt(first: object, second: object) -> bool:
    return not builtin_le(first, second)


def builtin_ge(first: object, second: object) -> bool:
    return not builtin_lt(first, second)


# Printing and escaping.


def _format(function: Callable[..., str], *args: object) -> str:
    try:
        return function(*args)
    except gofmt.UnsupportedVerb as error:
        raise FuncError(str(error)) from None


def builtin_print(*args: object) -> str:
    return with_keys(_format(gofmt.sprint, list(args)), keys_of_all(list(args)))


def builtin_println(*args: object) -> str:
    return with_keys(_format(gofmt.sprintln, list(args)), keys_of_all(list(args)))


def builtin_printf(format: str, *args: object) -> str:
    keys = keys_of_all([format, *args])
    return with_keys(_format(gofmt.sprintf, format, list(args)), keys)


def builtin_html(*args: object) -> str:
    return with_keys(_format(escape.html_escape, list(args)), keys_of_all(list(args)))


def builtin_js(*args: object) -> str:
    return with_keys(_format(escape.js_escape, list(args)), keys_of_all(list(args)))


def builtin_urlquery(*args: object) -> str:
    keys = keys_of_all(list(args))
    return with_keys(_format(escape.urlquery_escape, list(args)), keys)


def builtin_call(callee_name: str, function: object, *args: object) -> object:
    """Raise Go's error for `call`, because template data contains no functions."""
    if function is None:
        raise FuncError("call of nil")
    raise FuncError(f"non-function {callee_name} of type {type_name(function)}")


FUNCTIONS: dict[str, Callable[..., object]] = {
    "not": builtin_not,
    "call": builtin_call,
    "html": builtin_html,
    "js": builtin_js,
    "urlquery": builtin_urlquery,
    "index": builtin_index,
    "slice": builtin_slice,
    "len": builtin_len,
    "print": builtin_print,
    "printf": builtin_printf,
    "println": builtin_println,
    "eq": builtin_eq,
    "ne": builtin_ne,
    "lt": builtin_lt,
    "le": builtin_le,
    "gt": builtin_gt,
    "ge": builtin_ge,
}
