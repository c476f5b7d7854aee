"""Recursive-descent parser for templates, mirroring Go's `parse/parse.go`.

`parse_trees` returns every template the source defines: the top-level one
under its own name plus one per `define` and `block`.
"""

from __future__ import annotations

import re
from typing import NoReturn

from distr_secrets.template import nodes as n
from distr_secrets.template.errors import LimitError, ParseError
from distr_secrets.template.lexer import KEYWORDS, SPACE_CHARS, Item, ItemType, Lexer
from distr_secrets.template.numbers import new_number
from distr_secrets.template.scope import VariableStack
from distr_secrets.template.simple import (
    BUILTIN_FUNCTIONS,
    build_direct_pipeline,
    build_simple_action,
    build_simple_pipeline,
)
from distr_secrets.template.strconv import (
    UnquoteError,
    quote,
    unquote,
)

# Go's limit on nested parenthesized pipelines (maxStackDepth in parse.go).
MAX_EXPRESSION_DEPTH = 10_000

# Nesting of control structures (if, range, with, define, block and each
# else if). Go has no limit; this one bounds the memory and Python stack that
# a hostile template can take, and deeper input raises LimitError.
MAX_CONTROL_DEPTH = 100_000

# The keyword that starts a simple action's body, for `_Parser.direct_action`.
_KEYWORD_START = re.compile(r"[ \t\r\n]*(if|with|range|else|end)(?![\w.])", re.ASCII)

_OPERAND_START = frozenset(
    {
        ItemType.BOOL,
        ItemType.CHAR_CONSTANT,
        ItemType.COMPLEX,
        ItemType.DOT,
        ItemType.FIELD,
        ItemType.IDENTIFIER,
        ItemType.NUMBER,
        ItemType.NIL,
        ItemType.RAW_STRING,
        ItemType.STRING,
        ItemType.VARIABLE,
        ItemType.LEFT_PAREN,
    }
)


class _Parser:
    """Parsing state for one source text, shared by all the trees it defines."""

    def __init__(self, text: str, parse_name: str) -> None:
        self.text = text
        self.parse_name = parse_name
        self.lexer = Lexer(text)
        self.tokens: list[Item] = [Item(ItemType.EOF, 0, "", 0)] * 3
        self.peek_count = 0
        self.vars = VariableStack()
        self.action_line = 0
        self.range_depth = 0
        self.control_depth = 0
        self.expression_depth = 0
        self.trees: dict[str, n.Tree] = {}

    # Token lookahead, as Go's three-item buffer.

    def next(self) -> Item:
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.tokens[0] = self.lexer.next_item()
        return self.tokens[self.peek_count]

    def backup(self) -> None:
        self.peek_count += 1

    def backup2(self, t1: Item) -> None:
        self.tokens[1] = t1
        self.peek_count = 2

    def backup3(self, t2: Item, t1: Item) -> None:
        self.tokens[1] = t1
        self.tokens[2] = t2
        self.peek_count = 3

    def peek(self) -> Item:
        if self.peek_count > 0:
            return self.tokens[self.peek_count - 1]
        self.peek_count = 1
        self.tokens[0] = self.lexer.next_item()
        return self.tokens[0]

    def next_non_space(self) -> Item:
        while True:
            token = self.next()
            if token.typ != ItemType.SPACE:
                return token

    def peek_non_space(self) -> Item:
        token = self.next_non_space()
        self.backup()
        return token

    # Errors.

    def errorf(self, message: str) -> NoReturn:
        # NOTE: as in exec.State.make_error, a name containing "%" is kept as
        # it is, where Go's message has garbled verbs.
        line = self.tokens[0].line
        raise ParseError(f"template: {self.parse_name}:{line}: {message}")

    def expect(self, expected: ItemType, context: str) -> Item:
        token = self.next_non_space()
        if token.typ != expected:
            self.unexpected(token, context)
        return token

    def expect_one_of(self, first: ItemType, second: ItemType, context: str) -> Item:
        token = self.next_non_space()
        if token.typ != first and token.typ != second:
            self.unexpected(token, context)
        return token

    def unexpected(self, token: Item, context: str) -> NoReturn:
        if token.typ == ItemType.ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != token.line:
                extra = f" in action started at {self.parse_name}:{self.action_line}"
                if token.val.endswith(" action"):
                    extra = extra[len(" in action") :]
            self.errorf(f"{token}{extra}")
        self.errorf(f"unexpected {token} in {context}")

    def enter_control(self) -> None:
        self.control_depth += 1
        if self.control_depth > MAX_CONTROL_DEPTH:
            line = self.tokens[0].line
            raise LimitError(
                f"template: {self.parse_name}:{line}: control structures nested "
                f"deeper than {MAX_CONTROL_DEPTH} levels are not supported"
            )

    def leave_control(self) -> None:
        self.control_depth -= 1

    # Trees.

    def add_tree(self, name: str, root: n.ListNode) -> None:
        """Record a tree; a second non-empty definition of a name is an error."""
        existing = self.trees.get(name)
        if existing is None or n.is_empty_tree(existing.root):
            self.trees[name] = n.Tree(name, self.parse_name, root, self.text)
            return
        if not n.is_empty_tree(root):
            self.errorf(f"template: multiple definition of template {quote(name)}")

    def parse(self) -> dict[str, n.Tree]:
        """Parse the whole source: text, actions and `define` clauses."""
        root = n.ListNode(self.peek().pos)
        while True:
            if self.peek_count == 0:
                item = self.lexer.take_text_or_delim()
                if item is not None:
                    self.tokens[0] = item
                    if item.typ == ItemType.TEXT:
                        root.nodes.append(n.TextNode(item.pos, item.val))
                        continue
                    direct = self.direct_action()
                    if direct is not None:
                        if isinstance(direct, (n.EndNode, n.ElseNode)):
                            self.errorf(f"unexpected {direct}")
                        root.nodes.append(direct)
                        continue
                    self.peek_count = 1  # as if peeked, for the code below
            if self.peek().typ == ItemType.EOF:
                break
            if self.peek().typ == ItemType.LEFT_DELIM:
                # A simple action cannot start with "define", so build it
                # before looking for one.
                simple = self.simple_action_after_peeked_delim()
                if simple is not None:
                    if isinstance(simple, (n.EndNode, n.ElseNode)):
                        self.errorf(f"unexpected {simple}")
                    root.nodes.append(simple)
                    continue
                delim = self.next()
                if self.next_non_space().typ == ItemType.DEFINE:
                    self.parse_definition()
                    continue
                self.backup2(delim)
            node = self.text_or_action()
            if isinstance(node, (n.EndNode, n.ElseNode)):
                self.errorf(f"unexpected {node}")
            root.nodes.append(node)
        self.add_tree(self.parse_name, root)
        return self.trees

    def parse_definition(self) -> None:
        """define: {{define "name"}} itemList {{end}}"""
        context = "define clause"
        outer_vars = self.vars
        self.vars = VariableStack()
        name_token = self.expect_one_of(ItemType.STRING, ItemType.RAW_STRING, context)
        name = self.unquote_or_fail(name_token.val)
        self.expect(ItemType.RIGHT_DELIM, context)
        self.enter_control()
        root, end = self.item_list()
        self.leave_control()
        if not isinstance(end, n.EndNode):
            self.errorf(f"unexpected {end} in {context}")
        self.add_tree(name, root)
        self.vars = outer_vars

    def item_list(self) -> tuple[n.ListNode, n.Node]:
        """itemList: textOrAction* ending in {{end}} or {{else}}."""
        node_list = n.ListNode(self.peek_non_space().pos)
        while True:
            node = self.next_text_or_action()
            if node is None:
                if self.peek_non_space().typ == ItemType.EOF:
                    break
                node = self.text_or_action()
            if isinstance(node, (n.EndNode, n.ElseNode)):
                return node_list, node
            node_list.nodes.append(node)
        self.errorf("unexpected EOF")

    def next_text_or_action(self) -> n.Node | None:
        """Parse text or an action as `text_or_action` does, without lookahead.

        Returns None, consuming nothing, where the lexer cannot produce the
        text or `{{` item in one step (see `Lexer.take_text_or_delim`).
        """
        if self.peek_count != 0:
            return None
        item = self.lexer.take_text_or_delim()
        if item is None:
            return None
        self.tokens[0] = item
        if item.typ == ItemType.TEXT:
            return n.TextNode(item.pos, item.val)
        direct = self.direct_action()
        if direct is not None:
            return direct
        return self.action_after_delim(item)

    def text_or_action(self) -> n.Node:
        """textOrAction: text | comment | action"""
        token = self.next_non_space()
        if token.typ == ItemType.TEXT:
            return n.TextNode(token.pos, token.val)
        if token.typ == ItemType.LEFT_DELIM:
            return self.action_after_delim(token)
        if token.typ == ItemType.COMMENT:
            return n.CommentNode(token.pos, token.val)
        self.unexpected(token, "input")

    def action_after_delim(self, delim: Item) -> n.Node:
        simple = self.simple_action()
        if simple is not None:
            return simple
        self.action_line = delim.line
        try:
            return self.action()
        finally:
            self.action_line = 0

    def simple_action_after_peeked_delim(self) -> n.Node | None:
        """Build a simple action whose `{{` is the one peeked item, or None."""
        if self.peek_count != 1:
            return None
        direct = self.direct_action()
        if direct is not None:
            return direct
        rest = self.lexer.take_simple_action()
        if rest is None:
            return None
        node = build_simple_action(self.vars, rest)
        if node is None:
            self.lexer.restore_items(rest)
            return None
        self.peek_count = 0
        self.tokens[0] = rest[-1]
        return node

    def simple_action(self) -> n.Node | None:
        """Build a simple action directly from its items, or return None.

        A simple action has no control keyword, declaration or parentheses
        (see `Lexer.lex_simple_action`). The node is the one `action` would
        build. For anything `action` would reject, this returns None and puts
        the items back in the lexer, so that `action` reports the error.
        """
        if self.peek_count > 1:
            return None
        if self.peek_count == 0:
            direct = self.direct_action()
            if direct is not None:
                return direct
        buffered = [self.tokens[0]] if self.peek_count == 1 else []
        rest = self.lexer.take_simple_action()
        if rest is None:
            return None
        node = build_simple_action(self.vars, buffered + rest)
        if node is None:
            self.lexer.restore_items(rest)
            return None
        self.peek_count = 0
        self.tokens[0] = rest[-1]
        return node

    def direct_action(self) -> n.Node | None:
        """Build a simple action, or a control with a simple pipeline, from text.

        Runs only right after the `{{` item, which is `tokens[0]`. It handles
        the pipelines that `build_direct_pipeline` accepts, bare `else` and
        `end`, and `if`, `with` and `range` on such a pipeline. Anything else
        returns None with nothing consumed. No items are made, but `tokens[0]`
        ends as the general path leaves it, because error messages take their
        line from it: the `}}` item, or the keyword item while `parse_control`
        starts.
        """
        lexer = self.lexer
        delim = self.tokens[0]
        if delim.typ != ItemType.LEFT_DELIM:
            return None
        bounds = lexer.action_bounds()
        if bounds is None:
            return None
        body_end, end, trim = bounds
        text = lexer.input
        start = lexer.pos
        line = lexer.line
        keyword = _KEYWORD_START.match(text, start, body_end)
        if keyword is None:
            pipe = build_direct_pipeline(
                self.vars, text, (start, start, body_end), line
            )
            if pipe is None:
                return None
            self.finish_direct_action(end, trim)
            return n.ActionNode(pipe.pos, pipe.line, pipe)

        word = keyword.group(1)
        if word in ("else", "end"):
            if text[keyword.end() : body_end].strip(SPACE_CHARS):
                return None
            right_delim = self.finish_direct_action(end, trim)
            if word == "end":
                return n.EndNode(right_delim.pos)
            return n.ElseNode(right_delim.pos, right_delim.line)

        keyword_line = line + text.count("\n", start, keyword.end())
        pipe = build_direct_pipeline(
            self.vars, text, (start, keyword.end(), body_end), keyword_line
        )
        if pipe is None:
            return None
        right_delim = self.finish_direct_action(end, trim)
        self.tokens[0] = Item(KEYWORDS[word], keyword.start(1), word, keyword_line)
        self.action_line = delim.line
        try:
            parts = self.parse_control(word, (pipe, right_delim))
        finally:
            self.action_line = 0
        if word == "if":
            return n.IfNode(*parts)
        if word == "with":
            return n.WithNode(*parts)
        return n.RangeNode(*parts)

    def finish_direct_action(self, end: int, trim: bool) -> Item:
        """Move the lexer past an action built by `direct_action`."""
        right_delim = self.lexer.skip_simple_action(end, trim)
        self.tokens[0] = right_delim
        self.peek_count = 0
        return right_delim

    def action(self) -> n.Node:
        """action: control | pipeline, after the left delimiter."""
        token = self.next_non_space()
        typ = token.typ
        if typ == ItemType.BLOCK:
            return self.block_control()
        if typ == ItemType.BREAK:
            return self.break_control(token)
        if typ == ItemType.CONTINUE:
            return self.continue_control(token)
        if typ == ItemType.ELSE:
            return self.else_control()
        if typ == ItemType.END:
            return self.end_control()
        if typ == ItemType.IF:
            return n.IfNode(*self.parse_control("if"))
        if typ == ItemType.RANGE:
            return n.RangeNode(*self.parse_control("range"))
        if typ == ItemType.TEMPLATE:
            return self.template_control()
        if typ == ItemType.WITH:
            return n.WithNode(*self.parse_control("with"))
        self.backup()
        token = self.peek()
        pipe = self.pipeline("command", ItemType.RIGHT_DELIM)
        return n.ActionNode(token.pos, token.line, pipe)

    def break_control(self, keyword: Item) -> n.Node:
        """break: {{break}}, only inside range."""
        token = self.next_non_space()
        if token.typ != ItemType.RIGHT_DELIM:
            self.unexpected(token, "{{break}}")
        if self.range_depth == 0:
            self.errorf("{{break}} outside {{range}}")
        return n.BreakNode(keyword.pos, keyword.line)

    def continue_control(self, keyword: Item) -> n.Node:
        """continue: {{continue}}, only inside range."""
        token = self.next_non_space()
        if token.typ != ItemType.RIGHT_DELIM:
            self.unexpected(token, "{{continue}}")
        if self.range_depth == 0:
            self.errorf("{{continue}} outside {{range}}")
        return n.ContinueNode(keyword.pos, keyword.line)

    def pipeline(self, context: str, end: ItemType) -> n.PipeNode:
        """pipeline: declarations? command ('|' command)*"""
        if end == ItemType.RIGHT_DELIM and self.peek_count == 0:
            rest = self.lexer.take_simple_action()
            if rest is not None:
                pipe = build_simple_pipeline(self.vars, rest)
                if pipe is not None:
                    self.tokens[0] = rest[-1]
                    return pipe
                self.lexer.restore_items(rest)
        token = self.peek_non_space()
        pipe = n.PipeNode(token.pos, token.line)
        self.parse_declarations(pipe, context)
        while True:
            token = self.next_non_space()
            if token.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if token.typ in _OPERAND_START:
                self.backup()
                pipe.cmds.append(self.command())
                continue
            self.unexpected(token, context)

    def parse_declarations(self, pipe: n.PipeNode, context: str) -> None:
        """declarations: $x := | $x = | $i, $e := (the last only in range)"""
        while True:
            variable = self.peek_non_space()
            if variable.typ != ItemType.VARIABLE:
                return
            self.next()
            token_after_variable = self.peek()
            following = self.peek_non_space()
            if following.typ in (ItemType.ASSIGN, ItemType.DECLARE):
                pipe.is_assign = following.typ == ItemType.ASSIGN
                self.next_non_space()
                pipe.decl = [*pipe.decl, n.VariableNode(variable.pos, variable.val)]
                self.vars.push(variable.val, None)
                return
            if following.typ == ItemType.CHAR and following.val == ",":
                self.next_non_space()
                pipe.decl = [*pipe.decl, n.VariableNode(variable.pos, variable.val)]
                self.vars.push(variable.val, None)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (
                        ItemType.VARIABLE,
                        ItemType.RIGHT_DELIM,
                        ItemType.RIGHT_PAREN,
                    ):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            if token_after_variable.typ == ItemType.SPACE:
                self.backup3(variable, token_after_variable)
            else:
                self.backup2(variable)
            return

    def check_pipeline(self, pipe: n.PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for index, command in enumerate(pipe.cmds[1:]):
            first = command.args[0]
            if isinstance(
                first, (n.BoolNode, n.DotNode, n.NilNode, n.NumberNode, n.StringNode)
            ):
                self.errorf(f"non executable command in pipeline stage {index + 2}")

    def parse_control(
        self, context: str, built: tuple[n.PipeNode, Item] | None = None
    ) -> tuple[int, int, n.PipeNode, n.ListNode, n.ListNode | None]:
        """control: pipeline itemList ({{else}} itemList | {{else if/with ...}})? {{end}}

        `built` is a pipeline that `direct_action` has built, with its `}}` item.
        """
        saved_vars = self.vars.mark()
        self.enter_control()
        try:
            if built is None:
                pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
            else:
                pipe, self.tokens[0] = built
            if context == "range":
                self.range_depth += 1
            body, following = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list = None
            if isinstance(following, n.ElseNode):
                else_list = self.parse_else(context, following)
        finally:
            self.leave_control()
            self.vars.pop(saved_vars)
        return pipe.pos, pipe.line, pipe, body, else_list

    def parse_else(self, context: str, else_node: n.ElseNode) -> n.ListNode:
        if context == "if" and self.peek().typ == ItemType.IF:
            self.next()
            else_list = n.ListNode(else_node.pos)
            else_list.nodes.append(n.IfNode(*self.parse_control("if")))
            return else_list
        if context == "with" and self.peek().typ == ItemType.WITH:
            self.next()
            else_list = n.ListNode(else_node.pos)
            else_list.nodes.append(n.WithNode(*self.parse_control("with")))
            return else_list
        else_list, following = self.item_list()
        if not isinstance(following, n.EndNode):
            self.errorf(f"expected end; found {following}")
        return else_list

    def end_control(self) -> n.Node:
        """end: {{end}}"""
        return n.EndNode(self.expect(ItemType.RIGHT_DELIM, "end").pos)

    def else_control(self) -> n.Node:
        """else: {{else}}, or the start of {{else if ...}} / {{else with ...}}"""
        peek = self.peek_non_space()
        if peek.typ in (ItemType.IF, ItemType.WITH):
            return n.ElseNode(peek.pos, peek.line)
        token = self.expect(ItemType.RIGHT_DELIM, "else")
        return n.ElseNode(token.pos, token.line)

    def block_control(self) -> n.Node:
        """block: {{block "name" pipeline}} itemList {{end}}"""
        context = "block clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
        outer_vars = self.vars
        outer_range_depth = self.range_depth
        self.vars = VariableStack()
        self.range_depth = 0
        self.enter_control()
        root, end = self.item_list()
        self.leave_control()
        if not isinstance(end, n.EndNode):
            self.errorf(f"unexpected {end} in {context}")
        self.add_tree(name, root)
        self.vars = outer_vars
        self.range_depth = outer_range_depth
        return n.TemplateNode(token.pos, token.line, name, pipe)

    def template_control(self) -> n.Node:
        """template: {{template "name" pipeline?}}"""
        context = "template clause"
        token = self.next_non_space()
        name = self.parse_template_name(token, context)
        pipe = None
        if self.next_non_space().typ != ItemType.RIGHT_DELIM:
            self.backup()
            pipe = self.pipeline(context, ItemType.RIGHT_DELIM)
        return n.TemplateNode(token.pos, token.line, name, pipe)

    def parse_template_name(self, token: Item, context: str) -> str:
        if token.typ in (ItemType.STRING, ItemType.RAW_STRING):
            return self.unquote_or_fail(token.val)
        self.unexpected(token, context)

    def unquote_or_fail(self, literal: str) -> str:
        try:
            return unquote(literal)
        except UnquoteError:
            self.errorf("invalid syntax")

    def command(self) -> n.CommandNode:
        """command: operand (space operand)*, ended by '|', ')' or '}}'"""
        command = n.CommandNode(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                command.args.append(operand)
            token = self.next()
            if token.typ == ItemType.SPACE:
                continue
            if token.typ in (ItemType.RIGHT_DELIM, ItemType.RIGHT_PAREN):
                self.backup()
            elif token.typ != ItemType.PIPE:
                self.unexpected(token, "operand")
            break
        if not command.args:
            self.errorf("empty command")
        return command

    def operand(self) -> n.Node | None:
        """operand: term ('.' field)*"""
        node = self.term()
        if node is None:
            return None
        if self.peek().typ != ItemType.FIELD:
            return node
        chain = n.ChainNode(self.peek().pos, node)
        while self.peek().typ == ItemType.FIELD:
            chain.add(self.next().val)
        if isinstance(node, n.FieldNode):
            return n.FieldNode(chain.pos, str(chain))
        if isinstance(node, n.VariableNode):
            return n.VariableNode(chain.pos, str(chain))
        if isinstance(
            node, (n.BoolNode, n.StringNode, n.NumberNode, n.NilNode, n.DotNode)
        ):
            self.errorf(f"unexpected . after term {quote(str(node))}")
        return chain

    def term(self) -> n.Node | None:
        """term: literal | function | . | $var | .Field | '(' pipeline ')'"""
        token = self.next_non_space()
        typ = token.typ
        if typ == ItemType.IDENTIFIER:
            if token.val not in BUILTIN_FUNCTIONS:
                self.errorf(f"function {quote(token.val)} not defined")
            return n.IdentifierNode(token.pos, token.val)
        if typ == ItemType.DOT:
            return n.DotNode(token.pos)
        if typ == ItemType.NIL:
            return n.NilNode(token.pos)
        if typ == ItemType.VARIABLE:
            return self.use_var(token)
        if typ == ItemType.FIELD:
            return n.FieldNode(token.pos, token.val)
        if typ == ItemType.BOOL:
            return n.BoolNode(token.pos, token.val == "true")
        if typ in (ItemType.CHAR_CONSTANT, ItemType.COMPLEX, ItemType.NUMBER):
            return self.number(token)
        if typ == ItemType.LEFT_PAREN:
            if self.expression_depth >= MAX_EXPRESSION_DEPTH:
                self.errorf("max expression depth exceeded")
            self.expression_depth += 1
            try:
                return self.pipeline("parenthesized pipeline", ItemType.RIGHT_PAREN)
            finally:
                self.expression_depth -= 1
        if typ in (ItemType.STRING, ItemType.RAW_STRING):
            return n.StringNode(token.pos, token.val, self.unquote_or_fail(token.val))
        self.backup()
        return None

    def use_var(self, token: Item) -> n.Node:
        variable = n.VariableNode(token.pos, token.val)
        if variable.ident[0] not in self.vars:
            self.errorf(f"undefined variable {quote(variable.ident[0])}")
        return variable

    def number(self, token: Item) -> n.NumberNode:
        try:
            return new_number(token)
        except ValueError as error:
            self.errorf(str(error))


def parse_trees(text: str, name: str) -> dict[str, n.Tree]:
    """Parse `text` into the trees it defines, keyed by template name.

    Raises ParseError with Go's message, or LimitError for control structures
    nested deeper than MAX_CONTROL_DEPTH.
    """
    return _Parser(text, name).parse()
