"""Lexer for template text: splits the source into items, as Go's `parse/lex.go`.

The lexer is a state machine: each state method scans some input and returns the
next state, or None once it has set `self.item` for the parser. Positions are
offsets into the `str` source; `errors.position` turns them into Go's byte
columns when a message needs one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Callable
from enum import IntEnum
from typing import NamedTuple, Optional

from distr_secrets.template.strconv import is_escaped_byte, is_print, quote

LEFT_DELIM = "{{"
RIGHT_DELIM = "}}"
LEFT_COMMENT = "/*"
RIGHT_COMMENT = "*/"
SPACE_CHARS = " \t\r\n"
TRIM_MARKER = "-"
TRIM_MARKER_LEN = 2  # the marker plus the space before or after it


# Fast paths: runs of ASCII word characters and of spaces. Non-ASCII letters
# and digits fall back to the character-by-character loop.
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]*")
_SPACES = re.compile(r"[ \t\r\n]*")


# An action made only of fields, variables, identifiers, plain strings, decimal
# integers, spaces and pipes: the common case, which `lex_simple_action` lexes
# in one pass. Anything else goes through the state functions. After a word,
# Go's lexer needs a terminator, so a word must be followed by space, a pipe
# or the end of the action.
_SIMPLE_ACTION = re.compile(
    r"""
    [ \t\r\n]*
    (?:
        (?:
            (?:\.(?![.\w])|\.[A-Za-z_]\w*|\$\w*|[A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*
            | "[^"\\\n]*"
            | [0-9]+
        )
        (?:[ \t\r\n]*\|[ \t\r\n]*|[ \t\r\n]+|\Z)
    )+
    """,
    re.VERBOSE | re.ASCII,
)
_SIMPLE_TOKEN = re.compile(
    r"(?P<space>[ \t\r\n]+)|(?P<field>\.[A-Za-z_]\w*)|(?P<dot>\.)"
    r"|(?P<variable>\$\w*)|(?P<word>[A-Za-z_]\w*)|(?P<string>\"[^\"]*\")"
    r"|(?P<number>[0-9]+)|(?P<pipe>\|)",
    re.ASCII,
)


class ItemType(IntEnum):
    ERROR = 0
    BOOL = 1
    CHAR = 2  # printable ASCII character, such as a comma
    CHAR_CONSTANT = 3
    COMMENT = 4
    COMPLEX = 5
    ASSIGN = 6  # '='
    DECLARE = 7  # ':='
    EOF = 8
    FIELD = 9  # identifier starting with '.'
    IDENTIFIER = 10
    LEFT_DELIM = 11
    LEFT_PAREN = 12
    NUMBER = 13
    PIPE = 14
    RAW_STRING = 15
    RIGHT_DELIM = 16
    RIGHT_PAREN = 17
    SPACE = 18
    STRING = 19
    TEXT = 20
    VARIABLE = 21
    KEYWORD = 22  # only separates the keywords below from the other items
    BLOCK = 23
    BREAK = 24
    CONTINUE = 25
    DOT = 26
    DEFINE = 27
    ELSE = 28
    END = 29
    IF = 30
    NIL = 31
    RANGE = 32
    TEMPLATE = 33
    WITH = 34


KEYWORDS = {
    ".": ItemType.DOT,
    "block": ItemType.BLOCK,
    "break": ItemType.BREAK,
    "continue": ItemType.CONTINUE,
    "define": ItemType.DEFINE,
    "else": ItemType.ELSE,
    "end": ItemType.END,
    "if": ItemType.IF,
    "range": ItemType.RANGE,
    "nil": ItemType.NIL,
    "template": ItemType.TEMPLATE,
    "with": ItemType.WITH,
}


class Item(NamedTuple):
    typ: ItemType
    pos: int
    val: str
    line: int

    def __str__(self) -> str:
        if self.typ == ItemType.EOF:
            return "EOF"
        if self.typ == ItemType.ERROR:
            return self.val
        if self.typ > ItemType.KEYWORD:
            return f"<{self.val}>"
        if len(self.val.encode("utf-8", "surrogateescape")) > 10:
            return quote(self.val[:10]) + "..."
        return quote(self.val)


# "{{" followed by these two characters starts with a left trim marker.
_LEFT_TRIM_MARKERS = frozenset(TRIM_MARKER + space for space in SPACE_CHARS)

# Builds an Item without the Python-level `__new__` of a NamedTuple.
_new_item = tuple.__new__


def is_simple_body(text: str, start: int, end: int) -> bool:
    """Return whether `text[start:end]` is the body of a simple action."""
    return _SIMPLE_ACTION.fullmatch(text, start, end) is not None


def is_space(ch: str) -> bool:
    return ch != "" and ch in SPACE_CHARS


def is_alphanumeric(ch: str) -> bool:
    """Match Go's `unicode.IsLetter`, `unicode.IsDigit` or `_`."""
    if ch == "_":
        return True
    if ch == "" or is_escaped_byte(ch):
        return False
    if ch.isalpha():
        return True
    return unicodedata.category(ch) == "Nd"


def has_left_trim_marker(text: str, pos: int) -> bool:
    return text[pos : pos + 1] == TRIM_MARKER and is_space(text[pos + 1 : pos + 2])


def has_right_trim_marker(text: str, pos: int) -> bool:
    return is_space(text[pos : pos + 1]) and text[pos + 1 : pos + 2] == TRIM_MARKER


# Item types of the groups of _SIMPLE_TOKEN, by group number; None for a word,
# whose type depends on its text.
_SIMPLE_KINDS: tuple[ItemType | None, ...] = (
    None,
    ItemType.SPACE,
    ItemType.FIELD,
    ItemType.DOT,
    ItemType.VARIABLE,
    None,
    ItemType.STRING,
    ItemType.NUMBER,
    ItemType.PIPE,
)


def _word_type(word: str) -> ItemType:
    keyword = KEYWORDS.get(word)
    if keyword is not None:
        return keyword
    if word in ("true", "false"):
        return ItemType.BOOL
    return ItemType.IDENTIFIER


def format_rune(ch: str) -> str:
    """Format a character as Go's `%#U` does: `U+0041 'A'`, or `U+0000`."""
    if is_escaped_byte(ch):
        ch = "\ufffd"
    if is_print(ch):
        return f"U+{ord(ch):04X} '{ch}'"
    return f"U+{ord(ch):04X}"


State = Callable[[], Optional["State"]]


class Lexer:
    """Produces items from `text` one at a time through `next_item()`."""

    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.at_eof = False
        self.paren_depth = 0
        self.line = 1
        self.start_line = 1
        self.item = Item(ItemType.EOF, 0, "EOF", 1)
        self.inside_action = False
        self.action_start = False
        self.pending: deque[Item] = deque()
        # True while `pending` contains the rest of an action lexed in one pass.
        self.pending_simple = False

    # Reading characters.

    def next(self) -> str:
        if self.pos >= len(self.input):
            self.at_eof = True
            return ""
        ch = self.input[self.pos]
        self.pos += 1
        if ch == "\n":
            self.line += 1
        return ch

    def peek(self) -> str:
        if self.pos >= len(self.input):
            return ""
        return self.input[self.pos]

    def backup(self) -> None:
        if not self.at_eof and self.pos > 0:
            self.pos -= 1
            if self.input[self.pos] == "\n":
                self.line -= 1

    def accept(self, valid: str) -> bool:
        ch = self.next()
        if ch != "" and ch in valid:
            return True
        self.backup()
        return False

    def accept_run(self, valid: str) -> None:
        while True:
            ch = self.next()
            if ch == "" or ch not in valid:
                break
        self.backup()

    # Producing items.

    def this_item(self, typ: ItemType) -> Item:
        item = Item(typ, self.start, self.input[self.start : self.pos], self.start_line)
        self.start = self.pos
        self.start_line = self.line
        return item

    def emit(self, typ: ItemType) -> State | None:
        """Set the item for the parser and end this call of `next_item`."""
        self.item = self.this_item(typ)
        return None

    def emit_item(self, item: Item) -> State | None:
        self.item = item
        return None

    def ignore(self) -> None:
        self.line += self.input.count("\n", self.start, self.pos)
        self.start = self.pos
        self.start_line = self.line

    def errorf(self, message: str) -> State | None:
        """Emit an error item and empty the input, so the next item is EOF."""
        self.item = Item(ItemType.ERROR, self.start, message, self.start_line)
        self.start = 0
        self.pos = 0
        self.input = ""
        return None

    def next_item(self) -> Item:
        if self.pending:
            item = self.pending.popleft()
            if not self.pending:
                self.pending_simple = False
            return item
        text_or_delim = self.take_text_or_delim()
        if text_or_delim is not None:
            return text_or_delim
        self.item = Item(ItemType.EOF, self.pos, "EOF", self.start_line)
        if self.action_start:
            self.action_start = False
            if self.lex_simple_action():
                return self.next_item()
        state: State | None = (
            self.lex_inside_action if self.inside_action else self.lex_text
        )
        while state is not None:
            state = state()
        return self.item

    # States outside actions.

    def lex_text(self) -> State | None:
        found = self.input.find(LEFT_DELIM, self.pos)
        if found < 0:
            self.pos = len(self.input)
            if self.pos > self.start:
                self.line += self.input.count("\n", self.start, self.pos)
                return self.emit(ItemType.TEXT)
            return self.emit(ItemType.EOF)
        if found > self.pos:
            self.pos = found
            trim_length = 0
            if has_left_trim_marker(self.input, found + len(LEFT_DELIM)):
                text = self.input[self.start : self.pos]
                trim_length = len(text) - len(text.rstrip(SPACE_CHARS))
            self.pos -= trim_length
            self.line += self.input.count("\n", self.start, self.pos)
            item = self.this_item(ItemType.TEXT)
            self.pos += trim_length
            self.ignore()
            if item.val:
                return self.emit_item(item)
        return self.lex_left_delim

    def take_text_or_delim(self) -> Item | None:
        """Lex a text item or a `{{` item in one step, as `lex_text` and
        `lex_left_delim` would.

        Returns None, consuming nothing, where those states must run instead:
        inside an action, at a comment, and when no `{{` follows.
        """
        if self.inside_action or self.pending:
            return None
        text = self.input
        pos = self.pos
        found = text.find(LEFT_DELIM, pos)
        if found < 0:
            return None
        after = found + len(LEFT_DELIM)
        trim = text[after : after + 2] in _LEFT_TRIM_MARKERS
        line = self.line
        if found > pos:
            value = text[pos:found]
            self.line = line + value.count("\n")
            self.pos = self.start = found
            self.start_line = self.line
            if trim:
                value = value.rstrip(SPACE_CHARS)
            if value:
                return _new_item(Item, (ItemType.TEXT, pos, value, line))
            line = self.line
        if trim:
            after += TRIM_MARKER_LEN
        if text.startswith(LEFT_COMMENT, after):
            return None
        if trim and text[after - 1] == "\n":
            self.line = line + 1
        self.pos = self.start = after
        self.start_line = self.line
        self.inside_action = True
        self.paren_depth = 0
        self.action_start = True
        return _new_item(Item, (ItemType.LEFT_DELIM, found, LEFT_DELIM, line))

    def at_right_delim(self) -> tuple[bool, bool]:
        """Return (at a right delimiter, with a trim marker before it)."""
        if has_right_trim_marker(self.input, self.pos) and self.input.startswith(
            RIGHT_DELIM, self.pos + TRIM_MARKER_LEN
        ):
            return True, True
        if self.input.startswith(RIGHT_DELIM, self.pos):
            return True, False
        return False, False

    def lex_left_delim(self) -> State | None:
        self.pos += len(LEFT_DELIM)
        trim_space = has_left_trim_marker(self.input, self.pos)
        after_marker = TRIM_MARKER_LEN if trim_space else 0
        if self.input.startswith(LEFT_COMMENT, self.pos + after_marker):
            self.pos += after_marker
            self.ignore()
            return self.lex_comment
        item = self.this_item(ItemType.LEFT_DELIM)
        self.inside_action = True
        self.pos += after_marker
        self.ignore()
        self.paren_depth = 0
        self.action_start = True
        return self.emit_item(item)

    def lex_comment(self) -> State | None:
        self.pos += len(LEFT_COMMENT)
        found = self.input.find(RIGHT_COMMENT, self.pos)
        if found < 0:
            return self.errorf("unclosed comment")
        self.pos = found + len(RIGHT_COMMENT)
        delim, trim_space = self.at_right_delim()
        if not delim:
            return self.errorf("comment ends before closing delimiter")
        self.line += self.input.count("\n", self.start, self.pos)
        self.this_item(ItemType.COMMENT)
        if trim_space:
            self.pos += TRIM_MARKER_LEN
        self.pos += len(RIGHT_DELIM)
        if trim_space:
            self.pos += self.left_trim_length()
        self.ignore()
        return self.lex_text

    def left_trim_length(self) -> int:
        match = _SPACES.match(self.input, self.pos)
        assert match is not None  # the pattern matches the empty string
        return match.end() - self.pos

    def lex_right_delim(self) -> State | None:
        _, trim_space = self.at_right_delim()
        if trim_space:
            self.pos += TRIM_MARKER_LEN
            self.ignore()
        self.pos += len(RIGHT_DELIM)
        item = self.this_item(ItemType.RIGHT_DELIM)
        if trim_space:
            self.pos += self.left_trim_length()
            self.ignore()
        self.inside_action = False
        return self.emit_item(item)

    # States inside actions.

    def take_simple_action(self) -> list[Item] | None:
        """Return the remaining items of a simple action, ending in `}}`.

        Returns None, consuming nothing, unless the current action is simple
        (see `lex_simple_action`). `restore_items` puts the items back.
        """
        if self.action_start:
            self.action_start = False
            if not self.lex_simple_action():
                return None
        if not self.pending_simple:
            return None
        items = list(self.pending)
        self.pending.clear()
        self.pending_simple = False
        return items

    def restore_items(self, items: list[Item]) -> None:
        self.pending.extendleft(reversed(items))
        self.pending_simple = True

    def action_bounds(self) -> tuple[int, int, bool] | None:
        """Return (end of body, offset of `}}`, trim marker) for a new action.

        The body starts at `pos`, and it ends at the first `}}`, which may be
        inside a string: callers check the body with `is_simple_body` or a
        stricter pattern. Returns None, consuming nothing, unless an action
        has just started and a `}}` follows.
        """
        if not self.action_start or self.pending:
            return None
        return self._find_action_end()

    def _find_action_end(self) -> tuple[int, int, bool] | None:
        text = self.input
        end = text.find(RIGHT_DELIM, self.pos)
        if end < 0:
            return None
        body_end = end
        # A right trim marker is " -" just before "}}", inside the action.
        trim = (
            end - 2 >= self.pos
            and text[end - 1] == "-"
            and text[end - 2] in SPACE_CHARS
        )
        if trim:
            body_end = end - 2
        return body_end, end, trim

    def skip_simple_action(self, end: int, trim: bool) -> Item:
        """Move past a simple action whose `}}` is at `end`; return the `}}` item."""
        text = self.input
        line = self.line + text.count("\n", self.pos, end)
        item = _new_item(Item, (ItemType.RIGHT_DELIM, end, RIGHT_DELIM, line))
        self.pos = end + len(RIGHT_DELIM)
        self.line = line
        self.inside_action = False
        self.action_start = False
        if trim:
            self.pos += self.left_trim_length()
            self.line += text.count("\n", end, self.pos)
        self.start = self.pos
        self.start_line = self.line
        return item

    def lex_simple_action(self) -> bool:
        """Lex a whole simple action into `pending`; False if it is not simple.

        The items, positions and lines are the ones the state functions
        would produce for the same action.
        """
        bounds = self._find_action_end()
        if bounds is None or not is_simple_body(self.input, self.pos, bounds[0]):
            return False
        body_end, end, trim = bounds
        text = self.input
        items = self.pending
        self.pending_simple = True
        line = self.line
        new_item = tuple.__new__  # skips the Python-level namedtuple __new__
        kinds = _SIMPLE_KINDS
        space = ItemType.SPACE
        for token in _SIMPLE_TOKEN.finditer(text, self.pos, body_end):
            start, stop = token.span()
            value = text[start:stop]
            typ = kinds[token.lastindex]  # type: ignore[index]
            if typ is None:
                typ = _word_type(value)
            elif typ is space and "\n" in value:
                items.append(new_item(Item, (typ, start, value, line)))
                line += value.count("\n")
                continue
            items.append(new_item(Item, (typ, start, value, line)))
        items.append(self.skip_simple_action(end, trim))
        return True

    def lex_inside_action(self) -> State | None:
        delim, _ = self.at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self.lex_right_delim
            return self.errorf("unclosed left paren")
        ch = self.next()
        if ch == "":
            return self.errorf("unclosed action")
        if is_space(ch):
            self.backup()  # keep the space in case " -}}" follows
            return self.lex_space
        if ch == "=":
            return self.emit(ItemType.ASSIGN)
        if ch == ":":
            if self.next() != "=":
                return self.errorf("expected :=")
            return self.emit(ItemType.DECLARE)
        if ch == "|":
            return self.emit(ItemType.PIPE)
        if ch == '"':
            return self.lex_quote
        if ch == "`":
            return self.lex_raw_quote
        if ch == "$":
            return self.lex_variable
        if ch == "'":
            return self.lex_char
        if ch == ".":
            following = self.input[self.pos : self.pos + 1]
            if following and not ("0" <= following <= "9"):
                return self.lex_field
        if ch == "." or ch in "+-" or "0" <= ch <= "9":
            # A '.' followed by a digit or at the end of input starts a number.
            self.backup()
            return self.lex_number
        if is_alphanumeric(ch):
            self.backup()
            return self.lex_identifier
        if ch == "(":
            self.paren_depth += 1
            return self.emit(ItemType.LEFT_PAREN)
        if ch == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                return self.errorf("unexpected right paren")
            return self.emit(ItemType.RIGHT_PAREN)
        if ord(ch) < 0x80 and ch.isprintable():
            return self.emit(ItemType.CHAR)
        return self.errorf(f"unrecognized character in action: {format_rune(ch)}")

    def lex_space(self) -> State | None:
        match = _SPACES.match(self.input, self.pos)
        assert match is not None  # the pattern matches the empty string
        end = match.end()
        num_spaces = end - self.pos
        self.line += self.input.count("\n", self.pos, end)
        self.pos = end
        # A space before "-}}" belongs to the trim marker.
        if has_right_trim_marker(self.input, self.pos - 1) and self.input.startswith(
            RIGHT_DELIM, self.pos - 1 + TRIM_MARKER_LEN
        ):
            self.backup()
            if num_spaces == 1:
                return self.lex_right_delim
        return self.emit(ItemType.SPACE)

    def scan_word(self) -> str:
        """Advance over letters, digits and underscores; return the next character."""
        while True:
            match = _ASCII_WORD.match(self.input, self.pos)
            assert match is not None  # the pattern matches the empty string
            self.pos = match.end()
            ch = self.peek()
            if ch < "\x80" or not is_alphanumeric(ch):
                return ch
            self.pos += 1

    def lex_identifier(self) -> State | None:
        ch = self.scan_word()
        word = self.input[self.start : self.pos]
        if not self.at_terminator():
            return self.errorf(f"bad character {format_rune(ch or chr(0xFFFD))}")
        keyword = KEYWORDS.get(word)
        if keyword is not None and keyword > ItemType.KEYWORD:
            return self.emit(keyword)
        if word[0] == ".":
            return self.emit(ItemType.FIELD)
        if word in ("true", "false"):
            return self.emit(ItemType.BOOL)
        return self.emit(ItemType.IDENTIFIER)

    def lex_field(self) -> State | None:
        return self.lex_field_or_variable(ItemType.FIELD)

    def lex_variable(self) -> State | None:
        if self.at_terminator():  # a lone "$"
            return self.emit(ItemType.VARIABLE)
        return self.lex_field_or_variable(ItemType.VARIABLE)

    def lex_field_or_variable(self, typ: ItemType) -> State | None:
        if self.at_terminator():  # a lone "." or "$"
            if typ == ItemType.VARIABLE:
                return self.emit(ItemType.VARIABLE)
            return self.emit(ItemType.DOT)
        ch = self.scan_word()
        if not self.at_terminator():
            return self.errorf(f"bad character {format_rune(ch or chr(0xFFFD))}")
        return self.emit(typ)

    def at_terminator(self) -> bool:
        ch = self.peek()
        if ch == "" or is_space(ch) or ch in ".,|:)(":
            return True
        return self.input.startswith(RIGHT_DELIM, self.pos)

    def lex_char(self) -> State | None:
        while True:
            ch = self.next()
            if ch == "\\":
                ch = self.next()
                if ch != "" and ch != "\n":
                    continue
            if ch == "" or ch == "\n":
                return self.errorf("unterminated character constant")
            if ch == "'":
                break
        return self.emit(ItemType.CHAR_CONSTANT)

    def lex_number(self) -> State | None:
        if not self.scan_number():
            return self.errorf(f"bad number syntax: {self.quoted_item_text()}")
        sign = self.peek()
        if sign in ("+", "-") and sign != "":
            # A complex number such as 1+2i.
            if not self.scan_number() or self.input[self.pos - 1] != "i":
                return self.errorf(f"bad number syntax: {self.quoted_item_text()}")
            return self.emit(ItemType.COMPLEX)
        return self.emit(ItemType.NUMBER)

    def quoted_item_text(self) -> str:
        return quote(self.input[self.start : self.pos])

    def scan_number(self) -> bool:
        """Scan a number; like Go's, this accepts some invalid ones for the parser."""
        self.accept("+-")
        digits = "0123456789_"
        if self.accept("0"):
            if self.accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if len(digits) == 10 + 1 and self.accept("eE"):
            self.accept("+-")
            self.accept_run("0123456789_")
        if len(digits) == 16 + 6 + 1 and self.accept("pP"):
            self.accept("+-")
            self.accept_run("0123456789_")
        self.accept("i")
        if is_alphanumeric(self.peek()):
            self.next()
            return False
        return True

    def lex_quote(self) -> State | None:
        while True:
            ch = self.next()
            if ch == "\\":
                ch = self.next()
                if ch != "" and ch != "\n":
                    continue
            if ch == "" or ch == "\n":
                return self.errorf("unterminated quoted string")
            if ch == '"':
                break
        return self.emit(ItemType.STRING)

    def lex_raw_quote(self) -> State | None:
        end = self.input.find("`", self.pos)
        if end < 0:
            return self.errorf("unterminated raw quoted string")
        self.line += self.input.count("\n", self.pos, end + 1)
        self.pos = end + 1
        return self.emit(ItemType.RAW_STRING)
