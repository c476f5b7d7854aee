"""Helm values YAML: every scalar with its source range, and YAML 1.1 resolution.

Helm reads values files with sigs.k8s.io/yaml, which decodes with go-yaml v2.
Its `yaml.go` documents this and warns that unquoted `yes` and `no` become booleans.
go-yaml v2 resolves a plain scalar (`goyaml.v2/resolve.go` in
github.com/kubernetes-sigs/yaml) as:

- a boolean: `y Y yes Yes YES true True TRUE on On ON` and
  `n N no No NO false False FALSE off Off OFF`;
- null: the empty scalar, `~ null Null NULL`;
- a float: `.inf .Inf .INF`, with `+` or `-`, `.nan .NaN .NAN`, and numbers
  such as `1e3`, `.5`, `089`;
- an integer: anything Go's `strconv.ParseInt(s, 0, 64)` accepts after `_` is
  removed, so `0123` is octal 83 and `0x1F` is 31;
- a timestamp: `2001-12-14`, `2001-12-14T21:59:43Z` and similar. go-yaml v2's
  decoder then stores the original text when the target is `interface{}`, as
  for Helm values, so Helm keeps these intact.

go-yaml v3 (`resolve.go` in github.com/go-yaml/yaml) keeps only the `true` and
`false` spellings as booleans unless it decodes into a Go bool. This module
follows v2, which is what Helm uses. It also reports whatever PyYAML, a YAML 1.1
parser, does not resolve as a string, because other tools reading the same file
see a non-string there. Examples are timestamps, the base-60 integer `1:20`, `=`
and the merge key `<<`.

Structure and positions come from PyYAML's pure-Python composer, whose marks
count characters. Like go-yaml, it skips a byte-order mark at the start of the
stream and reads CRLF as a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml  # type: ignore[import-untyped]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode  # type: ignore[import-untyped]

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
STR_TAG = _STANDARD_TAG_PREFIX + "str"

_BOOLEANS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "true",
        "True",
        "TRUE",
        "on",
        "On",
        "ON",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "false",
        "False",
        "FALSE",
        "off",
        "Off",
        "OFF",
    ]
)
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_SPECIAL_FLOATS = frozenset(
    sign + name for sign in ("", "+", "-") for name in (".inf", ".Inf", ".INF")
) | frozenset([".nan", ".NaN", ".NAN"])

_GO_INT = re.compile(
    r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)"
)
_GO_YAML_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
)
_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?"
    r"(?:Z|[-+][0-9]{2}:[0-9]{2})?)?"
)

_PYYAML_KINDS = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
    "tag:yaml.org,2002:merge": "merge key",
    "tag:yaml.org,2002:value": "value key",
}

# A node's place in the document: the document index, then for each level the
# item index, or ("key", index) for a mapping key.
Path = tuple[object, ...]


class YamlSyntaxError(ValueError):
    """Text that a YAML parser rejects.

    `problem` is PyYAML's description. It can quote the text, so callers show it
    only for text that contains no secret value.
    """

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class YamlScalar:
    """A scalar node: its place, source range, style, value and resolved tag.

    `style` is empty for a plain scalar, else `'`, `"`, `|` or `>`.
    """

    path: Path
    start: int
    end: int
    style: str
    value: str
    tag: str


@dataclass(frozen=True)
class YamlDocument:
    """The scalars of a YAML stream in document order, and its shape."""

    scalars: tuple[YamlScalar, ...]
    shape: tuple[tuple[Path, str], ...]


def parse_yaml(text: str) -> YamlDocument:
    """Compose `text` with PyYAML and list its scalars; raise YamlSyntaxError."""
    try:
        roots = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlSyntaxError(line, error.problem or "invalid YAML") from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(
            _reader_error_line(text, error), _describe(error)
        ) from None

    scalars: list[YamlScalar] = []
    shape: list[tuple[Path, str]] = []
    for index, root in enumerate(roots):
        _walk(root, (index,), scalars, shape, set())
    return YamlDocument(tuple(scalars), tuple(shape))


def _reader_error_line(text: str, error: yaml.YAMLError) -> int:
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return 0
    return text.count("\n", 0, position) + 1


def _describe(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.reader.ReaderError):
        return "a character YAML does not allow"
    return "invalid YAML"


def _walk(
    node: Node,
    path: Path,
    scalars: list[YamlScalar],
    shape: list[tuple[Path, str]],
    open_nodes: set[int],
) -> None:
    if isinstance(node, ScalarNode):
        style = node.style or ""
        scalar = YamlScalar(
            path,
            node.start_mark.index,
            node.end_mark.index,
            style,
            node.value,
            node.tag,
        )
        scalars.append(scalar)
        shape.append((path, "scalar"))
        return

    if id(node) in open_nodes:
        # An alias of a collection that contains it; record it without recursing.
        shape.append((path, "recursive alias"))
        return
    open_nodes.add(id(node))
    if isinstance(node, SequenceNode):
        shape.append((path, "sequence"))
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), scalars, shape, open_nodes)
    elif isinstance(node, MappingNode):
        shape.append((path, "mapping"))
        for index, (key, value) in enumerate(node.value):
            _walk(key, path + (("key", index),), scalars, shape, open_nodes)
            _walk(value, path + (index,), scalars, shape, open_nodes)
    open_nodes.discard(id(node))


def resolved_kind(scalar: YamlScalar) -> str | None:
    """Return the non-string type a reader gives the scalar, or None for a string.

    Quoted and block scalars are strings unless an explicit tag gives another type.
    """
    if scalar.style:
        if scalar.tag == STR_TAG:
            return None
        return _PYYAML_KINDS.get(scalar.tag, "tagged value")
    if not scalar.tag.startswith(_STANDARD_TAG_PREFIX):
        return "tagged value"
    kind = go_yaml_v2_kind(scalar.value)
    if kind is None and scalar.tag != STR_TAG:
        kind = _PYYAML_KINDS.get(scalar.tag, "tagged value")
    return kind


def go_yaml_v2_kind(plain: str) -> str | None:
    """Return the type go-yaml v2 resolves a plain scalar to, or None for a string."""
    if plain in _BOOLEANS:
        return "boolean"
    if plain in _NULLS:
        return "null"
    if plain in _SPECIAL_FLOATS:
        return "float"
    if plain.startswith("."):
        return "float" if _DOT_FLOAT.fullmatch(plain) else None
    if not plain[0].isdigit() and plain[0] not in "+-":
        return None
    if _TIMESTAMP.fullmatch(plain):
        return "timestamp"
    digits = plain.replace("_", "")
    if _GO_INT.fullmatch(digits):
        return "integer"
    if _GO_YAML_FLOAT.fullmatch(digits):
        return "float"
    return None
