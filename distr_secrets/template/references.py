"""Static reads of secrets in a template, for `check` and format checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from distr_secrets.template import nodes as n
from distr_secrets.template.lenient import (
    LENIENT_FUNCTIONS,
    feeds_lenient_function,
    lenient_condition,
)
from distr_secrets.template.positions import SourcePositions


@dataclass(frozen=True)
class Reference:
    """A static read of a secret in the template source.

    `line` and `col` locate the reference (col counts bytes from 0, as Go's
    execution errors do). `lenient` is true where a missing key reads as false
    instead of failing: the whole condition of if/else if/with, or an argument
    of and/or/not.
    """

    key: str
    line: int
    col: int
    lenient: bool


def find_references(
    trees: dict[str, n.Tree], positions: SourcePositions
) -> list[Reference]:
    """Return the secret references in all trees, in source order."""
    found: dict[int, Reference] = {}
    seen_roots: set[int] = set()
    for tree in trees.values():
        if id(tree.root) in seen_roots:
            continue
        seen_roots.add(id(tree.root))
        for pos, key, lenient in _references_in(tree.root):
            line, col = positions.locate(pos)
            found[pos] = Reference(key, line, col, lenient)
    return [found[pos] for pos in sorted(found)]


def _secret_key(node: n.Node) -> str | None:
    if isinstance(node, n.FieldNode) and node.ident[0] == "Secrets":
        return node.ident[1] if len(node.ident) >= 2 else None
    if isinstance(node, n.VariableNode) and node.ident[:2] == ["$", "Secrets"]:
        return node.ident[2] if len(node.ident) >= 3 else None
    return None


def _is_secrets_map(node: n.Node) -> bool:
    if isinstance(node, n.FieldNode):
        return node.ident == ["Secrets"]
    if isinstance(node, n.VariableNode):
        return node.ident == ["$", "Secrets"]
    return False


def _references_in(node: n.Node) -> Iterator[tuple[int, str, bool]]:
    """Yield (position, key, lenient) for each secret read under `node`."""
    if isinstance(node, n.ListNode):
        for child in node.nodes:
            yield from _references_in(child)
    elif isinstance(node, n.ActionNode):
        yield from _references_in_pipe(node.pipe, set())
    elif isinstance(node, n.BranchNode):
        condition = lenient_condition(node.pipe)
        lenient_nodes = set()
        if condition is not None and not isinstance(node, n.RangeNode):
            lenient_nodes.add(id(condition))
        yield from _references_in_pipe(node.pipe, lenient_nodes)
        yield from _references_in(node.list)
        if node.else_list is not None:
            yield from _references_in(node.else_list)
    elif isinstance(node, n.TemplateNode) and node.pipe is not None:
        yield from _references_in_pipe(node.pipe, set())


def _references_in_pipe(
    pipe: n.PipeNode, lenient_nodes: set[int]
) -> Iterator[tuple[int, str, bool]]:
    for index, command in enumerate(pipe.cmds):
        if feeds_lenient_function(pipe, index):
            lenient_nodes.add(id(command.args[0]))
        first = command.args[0]
        if isinstance(first, n.IdentifierNode) and first.ident in LENIENT_FUNCTIONS:
            for arg in command.args[1:]:
                lenient_nodes.add(id(arg))
        if isinstance(first, n.IdentifierNode) and first.ident == "index":
            yield from _index_reference(command)
        for arg in command.args:
            yield from _references_in_operand(arg, lenient_nodes)


def _index_reference(command: n.CommandNode) -> Iterator[tuple[int, str, bool]]:
    args = command.args
    if len(args) >= 3 and _is_secrets_map(args[1]):
        key_node = args[2]
        if isinstance(key_node, n.StringNode):
            yield key_node.pos, key_node.text, False


def _references_in_operand(
    node: n.Node, lenient_nodes: set[int]
) -> Iterator[tuple[int, str, bool]]:
    key = _secret_key(node)
    if key is not None:
        lenient = id(node) in lenient_nodes and len(_idents(node)) == _direct_length(
            node
        )
        yield node.pos, key, lenient
    elif isinstance(node, n.PipeNode):
        yield from _references_in_pipe(node, set())
    elif isinstance(node, n.ChainNode):
        yield from _references_in_operand(node.node, set())


def _idents(node: n.Node) -> list[str]:
    return node.ident if isinstance(node, (n.FieldNode, n.VariableNode)) else []


def _direct_length(node: n.Node) -> int:
    """Number of identifiers in a plain `.Secrets.KEY` or `$.Secrets.KEY`."""
    return 2 if isinstance(node, n.FieldNode) else 3
