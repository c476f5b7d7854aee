"""Parsed templates: execution with the secrets of one scope, and the keys used."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from distr_secrets.template import nodes as n
from distr_secrets.template.exec import (
    LENIENT_FUNCTIONS,
    OutputSpan,
    SourcePositions,
    State,
    feeds_lenient_function,
    lenient_condition,
)
from distr_secrets.template.parser import parse_trees
from distr_secrets.template.stack import run_deep
from distr_secrets.template.values import make_data


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


class Template:
    """A parsed template that can be executed many times."""

    def __init__(self, source: str, name: str = "template") -> None:
        self.name = name
        self.source = source
        self.trees = run_deep(lambda: parse_trees(source, name), name)
        self.positions = SourcePositions(source)

    def execute(self, secrets: Mapping[str, object], *, strict: bool = False) -> str:
        """Render with `{"Secrets": secrets}` as data; raise ExecError on failure.

        Unless `strict`, a missing `.Secrets.KEY` is false where the lenient
        rule applies (see Reference).
        """
        state = self._run(secrets, strict=strict, trace=False)
        return state.result()

    def execute_traced(
        self, secrets: Mapping[str, object], *, strict: bool = False
    ) -> tuple[str, list[OutputSpan]]:
        """Render as `execute` does and return the spans of output from secrets."""
        state = self._run(secrets, strict=strict, trace=True)
        return state.result(), state.spans

    def _run(
        self, secrets: Mapping[str, object], *, strict: bool, trace: bool
    ) -> State:
        data = make_data(secrets)

        def execute() -> State:
            # A fresh state for each attempt, because run_deep may run twice.
            state = State(
                self.trees,
                self.trees[self.name],
                self.positions,
                strict=strict,
                trace=trace,
            )
            state.execute(data)
            return state

        return run_deep(execute, self.name)

    def references(self) -> list[Reference]:
        """List every static `.Secrets.KEY`, `$.Secrets.KEY` and
        `index .Secrets "KEY"` in source order."""
        found: dict[int, Reference] = {}
        seen_roots: set[int] = set()
        for tree in self.trees.values():
            if id(tree.root) in seen_roots:
                continue
            seen_roots.add(id(tree.root))
            for pos, key, lenient in _references_in(tree.root):
                line, col = self.positions.locate(pos)
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
