"""Positions of the lenient rule, where a missing `.Secrets.KEY` reads as false.

The positions are the whole condition of if/else if/with/else with, and an
argument of and/or/not, including the value piped into them. The executor
and `Template.references` both decide with these functions.
"""

from __future__ import annotations

from distr_secrets.template import nodes as n

LENIENT_FUNCTIONS = frozenset({"and", "or", "not"})


def is_secret_reference(node: n.Node) -> bool:
    """Return whether a node reads `.Secrets.KEY` or `$.Secrets.KEY`."""
    if isinstance(node, n.FieldNode):
        return len(node.ident) == 2 and node.ident[0] == "Secrets"
    if isinstance(node, n.VariableNode):
        return (
            len(node.ident) == 3 and node.ident[0] == "$" and node.ident[1] == "Secrets"
        )
    return False


def lenient_condition(pipe: n.PipeNode) -> n.Node | None:
    """Return the secret reference that is the whole condition of if/with, if any."""
    if pipe.decl or len(pipe.cmds) != 1 or len(pipe.cmds[0].args) != 1:
        return None
    node = pipe.cmds[0].args[0]
    return node if is_secret_reference(node) else None


def feeds_lenient_function(pipe: n.PipeNode, index: int) -> bool:
    """Return whether command `index` is a secret reference piped into and/or/not."""
    command = pipe.cmds[index]
    if len(command.args) != 1 or not is_secret_reference(command.args[0]):
        return False
    if index + 1 >= len(pipe.cmds):
        return False
    following = pipe.cmds[index + 1].args[0]
    return isinstance(following, n.IdentifierNode) and (
        following.ident in LENIENT_FUNCTIONS
    )
