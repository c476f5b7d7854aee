"""Template execution, mirroring Go's `exec.go` with the option missingkey=error.

The executor walks a parsed tree with a dot value and writes text to an output
buffer. Go reports errors by panicking with an ExecError; here ExecError is
raised, and `{{break}}`/`{{continue}}` are private exceptions caught by range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from distr_secrets.secret import MASK
from distr_secrets.template import gofmt
from distr_secrets.template import nodes as n
from distr_secrets.template.errors import ExecError
from distr_secrets.template.funcs import (
    ANY,
    FUNCTIONS,
    SIGNATURES,
    STRING,
    VALUE,
    FuncError,
    truth,
)
from distr_secrets.template.lenient import (
    feeds_lenient_function,
    is_secret_reference,
    lenient_condition,
)
from distr_secrets.template.positions import SourcePositions
from distr_secrets.template.scope import VariableStack
from distr_secrets.template.strconv import quote, to_bytes
from distr_secrets.template.values import (
    GoMap,
    MissingSecret,
    Uint8,
    is_true,
    secret_keys,
    type_name,
)

# Go's limit on templates invoking templates (maxExecDepth in exec.go).
MAX_TEMPLATE_DEPTH = 100_000


class _NoFinal:
    """The missing final argument of a command that is not in a pipeline."""

    def __repr__(self) -> str:
        return "<no final argument>"


NO_FINAL = _NoFinal()


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


@dataclass(frozen=True)
class OutputSpan:
    """A run of output printed by an action whose value derives from secrets.

    `start` and `end` are offsets in the output string. `line` and `col` give
    the action's position in the template, where col counts bytes from 0 as
    Go's execution errors do.
    """

    start: int
    end: int
    keys: frozenset[str]
    line: int
    col: int


class State:
    """The state of one execution: output, variables and the current node."""

    def __init__(
        self,
        trees: dict[str, n.Tree],
        tree: n.Tree,
        positions: SourcePositions,
        *,
        strict: bool,
        trace: bool,
    ) -> None:
        self.trees = trees
        self.tree = tree
        self.positions = positions
        self.strict = strict
        self.trace = trace
        self.node: n.Node | None = None
        self.vars = VariableStack()
        self.depth = 0
        self.output: list[str] = []
        self.output_length = 0
        self.spans: list[OutputSpan] = []
        self.walkers: dict[type, Callable[[object, Any], None]] = {
            n.ActionNode: self.walk_action,
            n.TextNode: self.walk_text,
            n.ListNode: self.walk_list,
            n.IfNode: self.walk_if_or_with,
            n.WithNode: self.walk_if_or_with,
            n.RangeNode: self.walk_range,
            n.TemplateNode: self.walk_template,
            n.CommentNode: self.walk_comment,
            n.BreakNode: self.walk_break,
            n.ContinueNode: self.walk_continue,
        }

    # Errors.

    def make_error(self, message: str) -> ExecError:
        # NOTE: Go pastes the template name into a format string, so a name
        # containing "%" gives garbled verbs such as %!e(...) in Go's message.
        # This message keeps the name as it is.
        name = self.tree.name
        if self.node is None:
            text = f"template: {name}: {message}"
        else:
            line, col = self.positions.locate(self.node.pos)
            location = f"{self.tree.parse_name}:{line}:{col}"
            text = (
                f"template: {location}: executing {quote(name)} "
                f"at <{self.node}>: {message}"
            )
        return ExecError(text, name)

    def errorf(self, message: str) -> NoReturn:
        raise self.make_error(message)

    def reject_missing(self, value: object) -> object:
        """Raise the missing key's error for a lenient value used elsewhere."""
        if isinstance(value, MissingSecret):
            raise value.error
        return value

    # Variables.

    def push(self, name: str, value: object) -> None:
        self.vars.push(name, value)

    def mark(self) -> int:
        return self.vars.mark()

    def pop(self, mark: int) -> None:
        self.vars.pop(mark)

    def set_var(self, name: str, value: object) -> None:
        entry = self.vars.find(name)
        if entry is None:
            self.errorf(f"undefined variable: {name}")
        entry[1] = value

    def set_top_var(self, offset: int, value: object) -> None:
        self.vars.from_top(offset)[1] = value

    def var_value(self, name: str) -> object:
        entry = self.vars.find(name)
        if entry is None:
            self.errorf(f"undefined variable: {name}")
        return entry[1]

    # Output.

    def write(self, text: str) -> None:
        self.output.append(text)
        self.output_length += len(text)

    def result(self) -> str:
        return "".join(self.output)

    # Walking the tree.

    def execute(self, dot: object) -> None:
        self.vars = VariableStack("$", dot)
        self.walk(dot, self.tree.root)

    def walk(self, dot: object, node: n.Node) -> None:
        self.node = node
        self.walkers[type(node)](dot, node)

    def walk_action(self, dot: object, node: n.ActionNode) -> None:  # type: ignore[override]
        value = self.eval_pipeline(dot, node.pipe)
        if not node.pipe.decl:
            self.print_value(node, value)

    def walk_text(self, dot: object, node: n.TextNode) -> None:
        self.write(node.text)

    def walk_list(self, dot: object, node: n.ListNode) -> None:
        # The same steps as `walk` and `walk_text`, inlined for the hot loop.
        walkers = self.walkers
        output = self.output
        text_node = n.TextNode
        for child in node.nodes:
            self.node = child
            if type(child) is text_node:
                text = child.text  # type: ignore[attr-defined]
                output.append(text)
                self.output_length += len(text)
            else:
                walkers[type(child)](dot, child)

    def walk_comment(self, dot: object, node: n.Node) -> None:
        pass

    def walk_break(self, dot: object, node: n.Node) -> None:
        raise _Break()

    def walk_continue(self, dot: object, node: n.Node) -> None:
        raise _Continue()

    def walk_if_or_with(self, dot: object, node: n.BranchNode) -> None:
        mark = self.mark()
        value = self.eval_condition(dot, node.pipe)
        truth_value = is_true(value)
        if truth_value is None:
            self.errorf(f"if/with can't use {self.printed(value)}")
        if truth_value:
            if isinstance(node, n.WithNode):
                self.walk(value, node.list)
            else:
                self.walk(dot, node.list)
        elif node.else_list is not None:
            self.walk(dot, node.else_list)
        self.pop(mark)

    def eval_condition(self, dot: object, pipe: n.PipeNode) -> object:
        """Evaluate an if/with pipeline, where a missing secret may be false."""
        reference = None if self.strict else lenient_condition(pipe)
        if reference is None:
            return self.eval_pipeline(dot, pipe)
        self.node = pipe
        return self.eval_lenient_reference(dot, reference, NO_FINAL)

    def walk_range(self, dot: object, node: n.RangeNode) -> None:
        mark = self.mark()
        try:
            self.range_over(dot, node)
        except _Break:
            pass
        self.pop(mark)

    def range_over(self, dot: object, node: n.RangeNode) -> None:
        self.node = node
        value = self.reject_missing(self.eval_pipeline(dot, node.pipe))
        mark = self.mark()
        if isinstance(value, int) and not isinstance(value, bool):
            if len(node.pipe.decl) > 1:
                self.errorf(
                    f"can't use {self.printed(value)} to iterate over more than "
                    "one variable"
                )
            for element in range(int(value)):
                item = Uint8(element) if isinstance(value, Uint8) else element
                self.one_iteration(node, mark, None, item)
            if value > 0:
                return
        elif isinstance(value, GoMap):
            if len(value) > 0:
                for key in sorted(value.entries, key=to_bytes):
                    self.one_iteration(node, mark, key, value.entries[key])
                return
        elif value is not None:
            self.errorf(f"range can't iterate over {self.printed(value)}")
        if node.else_list is not None:
            self.walk(dot, node.else_list)

    def one_iteration(
        self, node: n.RangeNode, mark: int, index: object, element: object
    ) -> None:
        decl = node.pipe.decl
        if decl:
            if node.pipe.is_assign:
                if len(decl) > 1:
                    self.set_var(decl[0].ident[0], index)
                else:
                    self.set_var(decl[0].ident[0], element)
            else:
                self.set_top_var(1, element)
        if len(decl) > 1:
            if node.pipe.is_assign:
                self.set_var(decl[1].ident[0], element)
            else:
                self.set_top_var(2, index)
        try:
            self.walk(element, node.list)
        except _Continue:
            pass
        finally:
            self.pop(mark)

    def walk_template(self, dot: object, node: n.TemplateNode) -> None:
        self.node = node
        tree = self.trees.get(node.name)
        if tree is None:
            self.errorf(f"template {quote(node.name)} not defined")
        if self.depth >= MAX_TEMPLATE_DEPTH:
            self.errorf(f"exceeded maximum template depth ({MAX_TEMPLATE_DEPTH})")
        new_dot = self.reject_missing(self.eval_pipeline(dot, node.pipe))
        saved = (self.tree, self.vars)
        self.tree = tree
        self.vars = VariableStack("$", new_dot)
        self.depth += 1
        try:
            self.walk(new_dot, tree.root)
        finally:
            self.depth -= 1
            self.tree, self.vars = saved

    # Pipelines and commands.

    def eval_pipeline(self, dot: object, pipe: n.PipeNode | None) -> object:
        if pipe is None:
            return None
        self.node = pipe
        value: object = NO_FINAL
        commands = pipe.cmds
        for index, command in enumerate(commands):
            lenient = not self.strict and feeds_lenient_function(pipe, index)
            if lenient:
                value = self.eval_lenient_reference(dot, command.args[0], value)
            else:
                value = self.eval_command(dot, command, value)
        for variable in pipe.decl:
            self.reject_missing(value)
            if pipe.is_assign:
                self.set_var(variable.ident[0], value)
            else:
                self.push(variable.ident[0], value)
        return value

    def not_a_function(self, args: list[n.Node], final: object) -> None:
        if len(args) > 1 or final is not NO_FINAL:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_command(
        self, dot: object, command: n.CommandNode, final: object
    ) -> object:
        first = command.args[0]
        if isinstance(first, n.FieldNode):
            return self.eval_field_node(dot, first, command.args, final)
        if isinstance(first, n.ChainNode):
            return self.eval_chain_node(dot, first, command.args, final)
        if isinstance(first, n.IdentifierNode):
            return self.eval_function(dot, first, command, command.args, final)
        if isinstance(first, n.PipeNode):
            self.not_a_function(command.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, n.VariableNode):
            return self.eval_variable_node(dot, first, command.args, final)
        self.node = first
        self.not_a_function(command.args, final)
        if isinstance(first, n.BoolNode):
            return first.value
        if isinstance(first, n.DotNode):
            return dot
        if isinstance(first, n.NilNode):
            self.errorf("nil is not a command")
        if isinstance(first, n.NumberNode):
            return self.ideal_constant(first)
        if isinstance(first, n.StringNode):
            return first.text
        self.errorf(f"can't evaluate command {quote(str(first))}")

    def eval_lenient_reference(
        self, dot: object, node: n.Node, final: object
    ) -> object:
        """Evaluate a secret reference in a lenient position.

        A missing key gives a MissingSecret instead of an error.
        """
        self.node = node
        if isinstance(node, n.FieldNode):
            receiver = dot
            idents = node.ident
        else:
            assert isinstance(node, n.VariableNode)
            receiver = self.var_value(node.ident[0])
            idents = node.ident[1:]
        return self.eval_field_chain(dot, receiver, node, idents, [node], final, True)

    def ideal_constant(self, constant: n.NumberNode) -> object:
        self.node = constant
        text = constant.text
        if constant.is_complex:
            return constant.complex128
        is_hex_int = (
            len(text) > 2
            and text[0] == "0"
            and text[1] in "xX"
            and not _has_any(text, "pP")
        )
        if (
            constant.is_float
            and not is_hex_int
            and not text.startswith("'")
            and _has_any(text, ".eEpP")
        ):
            return constant.float64
        if constant.is_int:
            return constant.int64
        if constant.is_uint:
            self.errorf(f"{text} overflows int")
        return None

    # Fields.

    def eval_field_node(
        self, dot: object, field: n.FieldNode, args: list[n.Node], final: object
    ) -> object:
        self.node = field
        return self.eval_field_chain(dot, dot, field, field.ident, args, final)

    def eval_chain_node(
        self, dot: object, chain: n.ChainNode, args: list[n.Node] | None, final: object
    ) -> object:
        self.node = chain
        if not chain.fields:
            self.errorf("internal error: no fields in evalChainNode")
        if isinstance(chain.node, n.NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        receiver = self.eval_arg(dot, None, chain.node)
        return self.eval_field_chain(dot, receiver, chain, chain.fields, args, final)

    def eval_variable_node(
        self,
        dot: object,
        variable: n.VariableNode,
        args: list[n.Node] | None,
        final: object,
    ) -> object:
        self.node = variable
        value = self.var_value(variable.ident[0])
        if len(variable.ident) == 1:
            self.not_a_function(args or [variable], final)
            return value
        return self.eval_field_chain(
            dot, value, variable, variable.ident[1:], args, final
        )

    def eval_field_chain(
        self,
        dot: object,
        receiver: object,
        node: n.Node,
        idents: list[str],
        args: list[n.Node] | None,
        final: object,
        lenient: bool = False,
    ) -> object:
        for name in idents[:-1]:
            receiver = self.eval_field(name, None, NO_FINAL, receiver)
        return self.eval_field(idents[-1], args, final, receiver, lenient)

    def eval_field(
        self,
        name: str,
        args: list[n.Node] | None,
        final: object,
        receiver: object,
        lenient: bool = False,
    ) -> object:
        if (
            type(receiver) is GoMap
            and final is NO_FINAL
            and (args is None or len(args) <= 1)
            and name in receiver.entries
        ):
            return receiver.entries[name]  # the common case, checked first
        receiver = self.reject_missing(receiver)
        if receiver is None:
            self.errorf(f"nil data; no entry for key {quote(name)}")
        has_args = (args is not None and len(args) > 1) or final is not NO_FINAL
        if isinstance(receiver, GoMap):
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver.entries:
                return receiver.entries[name]
            error = self.make_error(f"map has no entry for key {quote(name)}")
            if lenient:
                return MissingSecret(error)
            raise error
        self.errorf(f"can't evaluate field {name} in type {type_name(receiver)}")

    # Functions.

    def eval_function(
        self,
        dot: object,
        node: n.IdentifierNode,
        command: n.Node,
        args: list[n.Node] | None,
        final: object,
    ) -> object:
        self.node = node
        name = node.ident
        if name not in SIGNATURES:
            self.errorf(f"{quote(name)} is not a defined function")
        return self.eval_call(dot, name, command, args, final)

    def eval_call(
        self,
        dot: object,
        name: str,
        node: n.Node,
        args: list[n.Node] | None,
        final: object,
    ) -> object:
        arg_nodes = args[1:] if args is not None else []
        signature = SIGNATURES[name]
        params = signature.params
        count = len(arg_nodes) + (0 if final is NO_FINAL else 1)
        fixed = len(arg_nodes)
        if signature.variadic:
            fixed = len(params) - 1
            if count < fixed:
                self.errorf(
                    f"wrong number of args for {name}: want at least "
                    f"{len(params) - 1} got {len(arg_nodes)}"
                )
        elif count != len(params):
            self.errorf(
                f"wrong number of args for {name}: want {len(params)} got {count}"
            )

        if name in ("and", "or"):
            return self.eval_and_or(dot, name, arg_nodes, final)

        lenient = name == "not" and not self.strict
        argv: list[object] = []
        for position, arg in enumerate(arg_nodes):
            param = params[min(position, len(params) - 1)]
            argv.append(self.eval_arg(dot, param, arg, lenient))
        if final is not NO_FINAL:
            if signature.variadic and count - 1 < fixed:
                param = params[count - 1]
            else:
                param = params[-1]
            if not lenient:
                self.reject_missing(final)
            argv.append(self.validate_type(final, param))

        if name == "call":
            if arg_nodes:
                callee = str(arg_nodes[0])
            else:
                callee = _reflect_string(final)
            argv.insert(0, callee)
        try:
            return FUNCTIONS[name](*argv)
        except FuncError as error:
            self.node = node
            self.errorf(f"error calling {name}: {error}")

    def eval_and_or(
        self, dot: object, name: str, arg_nodes: list[n.Node], final: object
    ) -> object:
        """Evaluate `and`/`or` lazily: stop at the first false/true argument."""
        stop_at = name == "or"
        lenient = not self.strict
        value: object = None
        first_missing: MissingSecret | None = None
        for arg in arg_nodes:
            value = self.eval_arg(dot, VALUE, arg, lenient)
            if isinstance(value, MissingSecret) and first_missing is None:
                first_missing = value
            if truth(value) == stop_at:
                return self.first_missing_of(value, first_missing)
        if final is not NO_FINAL:
            if not lenient:
                self.reject_missing(final)
            value = final
        return self.first_missing_of(value, first_missing)

    @staticmethod
    def first_missing_of(value: object, first: MissingSecret | None) -> object:
        """Return `value`, but report the first missing key if it is a missing one.

        Go, without the lenient rule, fails at the first missing key it reads.
        """
        if isinstance(value, MissingSecret) and first is not None:
            return first
        return value

    def validate_type(self, value: object, param: str | None) -> object:
        if value is None:
            if param is None or param in (VALUE, ANY):
                return None
            self.errorf(f"invalid value; expected {param}")
        if param == STRING and not isinstance(value, str):
            self.errorf(
                f"wrong type for value; expected string; got {type_name(value)}"
            )
        return value

    def eval_arg(
        self, dot: object, param: str | None, node: n.Node, lenient: bool = False
    ) -> object:
        self.node = node
        if isinstance(node, n.DotNode):
            return self.validate_type(dot, param)
        if isinstance(node, n.NilNode):
            if param in (VALUE, ANY):
                return None
            self.errorf(f"cannot assign nil to {param}")
        if lenient and is_secret_reference(node):
            value = self.eval_lenient_reference(dot, node, NO_FINAL)
            if isinstance(value, MissingSecret):
                return value
            return self.validate_type(value, param)
        value = self.eval_nonliteral_arg(dot, node)
        if value is not NO_FINAL:
            if not lenient:
                self.reject_missing(value)
            return self.validate_type(value, param)
        return self.eval_literal_arg(param, node)

    def eval_nonliteral_arg(self, dot: object, node: n.Node) -> object:
        """Evaluate an argument that is not a constant; NO_FINAL for a constant."""
        if isinstance(node, n.FieldNode):
            return self.eval_field_node(dot, node, [node], NO_FINAL)
        if isinstance(node, n.VariableNode):
            return self.eval_variable_node(dot, node, None, NO_FINAL)
        if isinstance(node, n.PipeNode):
            return self.eval_pipeline(dot, node)
        if isinstance(node, n.IdentifierNode):
            return self.eval_function(dot, node, node, None, NO_FINAL)
        if isinstance(node, n.ChainNode):
            return self.eval_chain_node(dot, node, None, NO_FINAL)
        return NO_FINAL

    def eval_literal_arg(self, param: str | None, node: n.Node) -> object:
        if param == STRING:
            if isinstance(node, n.StringNode):
                return node.text
            self.errorf(f"expected string; found {node}")
        if isinstance(node, n.BoolNode):
            return node.value
        if isinstance(node, n.NumberNode):
            return self.ideal_constant(node)
        if isinstance(node, n.StringNode):
            return node.text
        self.errorf(f"can't handle assignment of {node} to empty interface argument")

    # Printing.

    def print_value(self, node: n.Node, value: object) -> None:
        self.node = node
        value = self.reject_missing(value)
        if value is None:
            self.write("<no value>")
            return
        try:
            text = gofmt.sprint([value])
        except gofmt.UnsupportedVerb as error:
            self.errorf(str(error))
        start = self.output_length
        self.write(text)
        if self.trace:
            # An empty value still gets a span, with start == end, so that
            # format checks can see where it was substituted.
            keys = secret_keys(value)
            if keys:
                line, col = self.positions.locate(node.pos)
                self.spans.append(
                    OutputSpan(start, self.output_length, keys, line, col)
                )

    def printed(self, value: object) -> str:
        """Print a value for an error message as Go's %v, masking secrets."""
        if secret_keys(value):
            return MASK
        if value is None:
            return "<nil>"
        return gofmt.sprint([value])


def _has_any(text: str, chars: str) -> bool:
    return any(ch in text for ch in chars)


def _reflect_string(value: object) -> str:
    """Return Go's `reflect.Value.String()`: a string's text, else `<T Value>`."""
    if isinstance(value, str):
        return MASK if secret_keys(value) else value
    if value is None:
        return "<invalid Value>"
    return f"<{type_name(value)} Value>"
