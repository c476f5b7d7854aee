"""Parse tree nodes, mirroring Go's `parse/node.go`.

`str()` of a node is Go's `Node.String()`, which execution errors quote as the
`<EXPR>` context. `pos` is an offset into the template source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from distr_secrets.template.lexer import LEFT_DELIM, RIGHT_DELIM
from distr_secrets.template.strconv import quote


class Node:
    __slots__ = ("pos",)

    def __init__(self, pos: int) -> None:
        self.pos = pos


class TextNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos: int, text: str) -> None:
        self.pos = pos
        self.text = text

    def __str__(self) -> str:
        return self.text


class CommentNode(Node):
    __slots__ = ("text",)

    def __init__(self, pos: int, text: str) -> None:
        self.pos = pos
        self.text = text

    def __str__(self) -> str:
        return LEFT_DELIM + self.text + RIGHT_DELIM


class ListNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, pos: int) -> None:
        self.pos = pos
        self.nodes: list[Node] = []

    def __str__(self) -> str:
        return "".join(str(node) for node in self.nodes)


class IdentifierNode(Node):
    """A function name."""

    __slots__ = ("ident",)

    def __init__(self, pos: int, ident: str) -> None:
        self.pos = pos
        self.ident = ident

    def __str__(self) -> str:
        return self.ident


class VariableNode(Node):
    """A variable with optional fields: `$`, `$x`, `$x.A.B`."""

    __slots__ = ("ident",)

    def __init__(self, pos: int, ident: str) -> None:
        self.pos = pos
        self.ident = ident.split(".")

    def __str__(self) -> str:
        return ".".join(self.ident)


class DotNode(Node):
    __slots__ = ()

    def __str__(self) -> str:
        return "."


class NilNode(Node):
    __slots__ = ()

    def __str__(self) -> str:
        return "nil"


class FieldNode(Node):
    """A field chain on dot: `.A.B`."""

    __slots__ = ("ident",)

    def __init__(self, pos: int, ident: str) -> None:
        self.pos = pos
        self.ident = ident[1:].split(".")

    def __str__(self) -> str:
        return "".join("." + name for name in self.ident)


class ChainNode(Node):
    """Fields applied to another term: `(pipeline).A.B`."""

    __slots__ = ("fields", "node")

    def __init__(self, pos: int, node: Node) -> None:
        self.pos = pos
        self.node = node
        self.fields: list[str] = []

    def add(self, name: str) -> None:
        self.fields.append(name[1:])

    def __str__(self) -> str:
        if isinstance(self.node, PipeNode):
            base = "(" + str(self.node) + ")"
        else:
            base = str(self.node)
        return base + "".join("." + name for name in self.fields)


class BoolNode(Node):
    __slots__ = ("value",)

    def __init__(self, pos: int, value: bool) -> None:
        self.pos = pos
        self.value = value

    def __str__(self) -> str:
        return "true" if self.value else "false"


class NumberNode(Node):
    """A numeric constant, with every Go type its text can represent."""

    __slots__ = (
        "complex128",
        "float64",
        "int64",
        "is_complex",
        "is_float",
        "is_int",
        "is_uint",
        "text",
        "uint64",
    )

    def __init__(self, pos: int, text: str) -> None:
        self.pos = pos
        self.text = text
        self.is_int = False
        self.is_uint = False
        self.is_float = False
        self.is_complex = False
        self.int64 = 0
        self.uint64 = 0
        self.float64 = 0.0
        self.complex128 = 0j

    def __str__(self) -> str:
        return self.text


class StringNode(Node):
    __slots__ = ("quoted", "text")

    def __init__(self, pos: int, quoted: str, text: str) -> None:
        self.pos = pos
        self.quoted = quoted
        self.text = text

    def __str__(self) -> str:
        return self.quoted


class CommandNode(Node):
    __slots__ = ("args",)

    def __init__(self, pos: int, args: list[Node] | None = None) -> None:
        self.pos = pos
        self.args: list[Node] = [] if args is None else args

    def __str__(self) -> str:
        parts = []
        for arg in self.args:
            if isinstance(arg, PipeNode):
                parts.append("(" + str(arg) + ")")
            else:
                parts.append(str(arg))
        return " ".join(parts)


class PipeNode(Node):
    """A pipeline with optional declarations: `$x := cmd | cmd`."""

    __slots__ = ("cmds", "decl", "is_assign", "line")

    def __init__(
        self, pos: int, line: int, cmds: list[CommandNode] | None = None
    ) -> None:
        self.pos = pos
        self.line = line
        self.is_assign = False
        # Replaced, never changed in place, so pipelines without declarations
        # can share one empty tuple.
        self.decl: Sequence[VariableNode] = ()
        self.cmds: list[CommandNode] = [] if cmds is None else cmds

    def __str__(self) -> str:
        text = ""
        if self.decl:
            text = ", ".join(str(v) for v in self.decl)
            text += " = " if self.is_assign else " := "
        return text + " | ".join(str(c) for c in self.cmds)


class ActionNode(Node):
    __slots__ = ("line", "pipe")

    def __init__(self, pos: int, line: int, pipe: PipeNode) -> None:
        self.pos = pos
        self.line = line
        self.pipe = pipe

    def __str__(self) -> str:
        return LEFT_DELIM + str(self.pipe) + RIGHT_DELIM


class BranchNode(Node):
    """The shared shape of if, range and with."""

    __slots__ = ("else_list", "line", "list", "pipe")
    keyword = ""

    def __init__(
        self,
        pos: int,
        line: int,
        pipe: PipeNode,
        body: ListNode,
        else_list: ListNode | None,
    ) -> None:
        self.pos = pos
        self.line = line
        self.pipe = pipe
        self.list = body
        self.else_list = else_list

    def __str__(self) -> str:
        text = f"{LEFT_DELIM}{self.keyword} {self.pipe}{RIGHT_DELIM}{self.list}"
        if self.else_list is not None:
            text += f"{LEFT_DELIM}else{RIGHT_DELIM}{self.else_list}"
        return text + f"{LEFT_DELIM}end{RIGHT_DELIM}"


class IfNode(BranchNode):
    __slots__ = ()
    keyword = "if"


class RangeNode(BranchNode):
    __slots__ = ()
    keyword = "range"


class WithNode(BranchNode):
    __slots__ = ()
    keyword = "with"


class BreakNode(Node):
    __slots__ = ("line",)

    def __init__(self, pos: int, line: int) -> None:
        self.pos = pos
        self.line = line

    def __str__(self) -> str:
        return LEFT_DELIM + "break" + RIGHT_DELIM


class ContinueNode(Node):
    __slots__ = ("line",)

    def __init__(self, pos: int, line: int) -> None:
        self.pos = pos
        self.line = line

    def __str__(self) -> str:
        return LEFT_DELIM + "continue" + RIGHT_DELIM


class TemplateNode(Node):
    """`{{template "name" pipeline}}`, also produced by `{{block}}`."""

    __slots__ = ("line", "name", "pipe")

    def __init__(self, pos: int, line: int, name: str, pipe: PipeNode | None):
        self.pos = pos
        self.line = line
        self.name = name
        self.pipe = pipe

    def __str__(self) -> str:
        text = LEFT_DELIM + "template " + quote(self.name)
        if self.pipe is not None:
            text += " " + str(self.pipe)
        return text + RIGHT_DELIM


class EndNode(Node):
    """`{{end}}`; returned by the parser to close a list, never kept in the tree."""

    __slots__ = ()

    def __str__(self) -> str:
        return LEFT_DELIM + "end" + RIGHT_DELIM


class ElseNode(Node):
    """`{{else}}`; returned by the parser to close a list, never kept in the tree."""

    __slots__ = ("line",)

    def __init__(self, pos: int, line: int) -> None:
        self.pos = pos
        self.line = line

    def __str__(self) -> str:
        return LEFT_DELIM + "else" + RIGHT_DELIM


# The characters Go's `unicode.IsSpace` accepts; Python's own set has a few more.
GO_SPACE = (
    " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def is_empty_tree(node: Node | None) -> bool:
    """Return whether a tree holds only space and comments, as Go's IsEmptyTree."""
    if node is None or isinstance(node, CommentNode):
        return True
    if isinstance(node, ListNode):
        return all(is_empty_tree(child) for child in node.nodes)
    if isinstance(node, TextNode):
        return node.text.strip(GO_SPACE) == ""
    return False


@dataclass
class Tree:
    """One named template: the top-level text or a `define`/`block` body."""

    name: str
    parse_name: str
    root: ListNode
    text: str = field(repr=False)
