"""Nodes for simple actions, built straight from their items or their text.

A simple action is made of fields, variables, function names, strings,
decimal integers, spaces and pipes (see `Lexer.lex_simple_action`), which
covers most actions in deployment files. Building its nodes here skips the
parser's token-by-token loop. Each builder returns None for anything the
general parser would handle differently or reject, and the caller then hands
the action to the general parser, which reports the error.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from distr_secrets.template import nodes as n
from distr_secrets.template.lexer import Item, ItemType, is_simple_body
from distr_secrets.template.numbers import new_number
from distr_secrets.template.strconv import UnquoteError, unquote

if TYPE_CHECKING:
    from distr_secrets.template.scope import VariableStack

BUILTIN_FUNCTIONS = frozenset(
    [
        "and",
        "call",
        "html",
        "index",
        "slice",
        "js",
        "len",
        "not",
        "or",
        "print",
        "printf",
        "println",
        "urlquery",
        "eq",
        "ge",
        "gt",
        "le",
        "lt",
        "ne",
    ]
)

_SIMPLE_TERMS = {
    ItemType.DOT,
    ItemType.NIL,
    ItemType.VARIABLE,
    ItemType.FIELD,
    ItemType.BOOL,
    ItemType.NUMBER,
    ItemType.STRING,
    ItemType.IDENTIFIER,
}


def build_simple_action(
    variables: VariableStack, items: list[Item]
) -> n.ActionNode | None:
    """Build the action node for the items of a simple action, or None.

    `items` runs from the first item after `{{` to the `}}` item. None means
    the action needs the full parser, which reports any error.
    """
    for item in items:
        if item.typ != ItemType.SPACE:
            if item.typ not in _SIMPLE_TERMS:
                return None
            break
    pipe = build_simple_pipeline(variables, items)
    if pipe is None:
        return None
    return n.ActionNode(pipe.pos, pipe.line, pipe)


def build_simple_pipeline(
    variables: VariableStack, items: list[Item]
) -> n.PipeNode | None:
    """Build the pipeline of a simple action from its items, or None.

    `items` ends with the `}}` item. None means the pipeline needs the full
    parser, which reports any error.
    """
    pipe: n.PipeNode | None = None
    command: n.CommandNode | None = None
    index = 0
    end = len(items) - 1
    while index < end:
        item = items[index]
        typ = item.typ
        if typ == ItemType.SPACE:
            index += 1
            continue
        if pipe is None:
            pipe = n.PipeNode(item.pos, item.line)
        if typ == ItemType.PIPE:
            if command is None:
                return None
            pipe.cmds.append(command)
            command = None
            index += 1
            continue
        if command is None:
            command = n.CommandNode(item.pos)
        operand, index = _simple_operand(variables, items, index)
        if operand is None:
            return None
        command.args.append(operand)
        if items[index].typ not in _AFTER_OPERAND:
            return None
    if pipe is None or command is None:
        return None
    pipe.cmds.append(command)
    for command in pipe.cmds[1:]:
        if isinstance(command.args[0], _LITERAL_NODES):
            return None
    return pipe


_AFTER_OPERAND = (ItemType.SPACE, ItemType.PIPE, ItemType.RIGHT_DELIM)
_LITERAL_NODES = (n.BoolNode, n.DotNode, n.NilNode, n.NumberNode, n.StringNode)


def _simple_operand(
    variables: VariableStack, items: list[Item], index: int
) -> tuple[n.Node | None, int]:
    """Build the operand at `items[index]`; return it with the index after it."""
    item = items[index]
    node = _simple_term(variables, item)
    index += 1
    if node is None or items[index].typ != ItemType.FIELD:
        return node, index
    chain_pos = items[index].pos
    text = str(node)
    while items[index].typ == ItemType.FIELD:
        text += items[index].val
        index += 1
    if isinstance(node, n.FieldNode):
        return n.FieldNode(chain_pos, text), index
    if isinstance(node, n.VariableNode):
        return n.VariableNode(chain_pos, text), index
    if isinstance(node, n.IdentifierNode):
        chain = n.ChainNode(chain_pos, node)
        chain.fields = text[len(node.ident) + 1 :].split(".")
        return chain, index
    return None, index


def _simple_term(variables: VariableStack, item: Item) -> n.Node | None:
    typ = item.typ
    if typ == ItemType.FIELD:
        return n.FieldNode(item.pos, item.val)
    if typ == ItemType.IDENTIFIER:
        if item.val not in BUILTIN_FUNCTIONS:
            return None
        return n.IdentifierNode(item.pos, item.val)
    if typ == ItemType.STRING:
        try:
            return n.StringNode(item.pos, item.val, unquote(item.val))
        except UnquoteError:
            return None
    if typ == ItemType.VARIABLE:
        variable = n.VariableNode(item.pos, item.val)
        if variable.ident[0] not in variables:
            return None
        return variable
    if typ == ItemType.DOT:
        return n.DotNode(item.pos)
    if typ == ItemType.BOOL:
        return n.BoolNode(item.pos, item.val == "true")
    if typ == ItemType.NIL:
        return n.NilNode(item.pos)
    if typ == ItemType.NUMBER:
        try:
            return new_number(item)
        except ValueError:
            return None
    return None


# One operand of a simple action, with the spaces before it, or a pipe. The
# body has been checked with `is_simple_body`, so only the groups below occur,
# and `other` marks what this builder leaves to the item path (numbers).
_DIRECT_TOKEN = re.compile(
    r"[ \t\r\n]*(?:"
    r"(?P<field>(?:\.[A-Za-z_]\w*)+)"
    r"|(?P<variable>\$\w*(?:\.[A-Za-z_]\w*)*)"
    r"|(?P<word>[A-Za-z_]\w*)(?P<chain>\.)?"
    r"|(?P<string>\"[^\"]*\")"
    r"|(?P<dot>\.)"
    r"|(?P<pipe>\|)"
    r"|(?P<other>[^ \t\r\n]))",
    re.ASCII,
)


# The most common pipelines in one match: an optional function, a field
# chain, then optionally a pipe into a function with an optional string.
_COMMON_PIPELINE = re.compile(
    r"[ \t\r\n]*"
    r"(?:(?P<function>[A-Za-z_]\w*)[ \t\r\n]+)?"
    r"(?P<field>(?:\.[A-Za-z_]\w*)+)"
    r"(?:[ \t\r\n]*\|[ \t\r\n]*(?P<next>[A-Za-z_]\w*)"
    r"(?:[ \t\r\n]+(?P<string>\"[^\"\\\n]*\"))?)?"
    r"[ \t\r\n]*",
    re.ASCII,
)


def build_direct_pipeline(
    variables: VariableStack,
    text: str,
    bounds: tuple[int, int, int],
    line: int,
) -> n.PipeNode | None:
    """Build the pipeline of a simple action from its text, or None.

    `bounds` gives the start of the action's body, the start of the pipeline
    (after any control keyword) and the end of the body. `line` is the line
    at the pipeline's start. The nodes and positions equal the ones
    `build_simple_pipeline` builds from the items of the same text.
    """
    body_start, start, end = bounds
    # A match of the common pattern needs no check of the whole body. After a
    # keyword it can only start with a space, because the caller's keyword
    # pattern rejects a following letter, digit, underscore or dot.
    common = _COMMON_PIPELINE.fullmatch(text, start, end)
    if common is not None:
        pipe = _build_common_pipeline(common, text, start, line)
        if pipe is not None:
            return pipe
    if not is_simple_body(text, body_start, end):
        return None
    pipe = None
    command: n.CommandNode | None = None
    for token in _DIRECT_TOKEN.finditer(text, start, end):
        kind = token.lastgroup
        assert kind is not None  # every alternative is a named group
        pos = token.start(kind)
        if pipe is None:
            pipe = n.PipeNode(pos, line + text.count("\n", start, pos))
        if kind == "pipe":
            if command is None:
                return None
            pipe.cmds.append(command)
            command = None
            continue
        operand = _direct_operand(variables, kind, text[pos : token.end()], pos)
        if operand is None:
            return None
        if command is None:
            if pipe.cmds and isinstance(operand, _LITERAL_NODES):
                return None
            command = n.CommandNode(pos)
        command.args.append(operand)
    if pipe is None or command is None:
        return None
    pipe.cmds.append(command)
    return pipe


def _direct_operand(
    variables: VariableStack, kind: str, value: str, pos: int
) -> n.Node | None:
    """Build one operand; a chain's position is that of its second part, as Go's."""
    if kind == "field":
        second = value.find(".", 1)
        return n.FieldNode(pos if second < 0 else pos + second, value)
    if kind == "word":
        if value not in BUILTIN_FUNCTIONS:
            return None
        return n.IdentifierNode(pos, value)
    if kind == "string":
        body = value[1:-1]
        if body.isascii():
            return n.StringNode(pos, value, body)
        try:
            return n.StringNode(pos, value, unquote(value))
        except UnquoteError:
            return None
    if kind == "variable":
        first = value.find(".")
        variable = n.VariableNode(pos if first < 0 else pos + first, value)
        if variable.ident[0] not in variables:
            return None
        return variable
    if kind == "dot":
        return n.DotNode(pos)
    return None


def _build_common_pipeline(
    match: re.Match[str], text: str, start: int, line: int
) -> n.PipeNode | None:
    """Build the pipeline of a `_COMMON_PIPELINE` match, or None.

    None leaves the body to the token loop of `build_direct_pipeline`, for
    names that are not functions and strings that are not ASCII.
    """
    function, field, next_function, string = match.group(
        "function", "field", "next", "string"
    )
    if function is not None and function not in BUILTIN_FUNCTIONS:
        return None
    if next_function is not None and next_function not in BUILTIN_FUNCTIONS:
        return None
    if string is not None and not string.isascii():
        return None

    field_pos = match.start("field")
    first_pos = field_pos if function is None else match.start("function")
    second = field.find(".", 1)
    chain_pos = field_pos if second < 0 else field_pos + second
    field_node = n.FieldNode(chain_pos, field)
    if function is None:
        command = n.CommandNode(first_pos, [field_node])
    else:
        function_node = n.IdentifierNode(first_pos, function)
        command = n.CommandNode(first_pos, [function_node, field_node])
    pipe = n.PipeNode(first_pos, line + text.count("\n", start, first_pos), [command])

    if next_function is not None:
        next_pos = match.start("next")
        args: list[n.Node] = [n.IdentifierNode(next_pos, next_function)]
        if string is not None:
            string_pos = match.start("string")
            args.append(n.StringNode(string_pos, string, string[1:-1]))
        pipe.cmds.append(n.CommandNode(next_pos, args))
    return pipe
