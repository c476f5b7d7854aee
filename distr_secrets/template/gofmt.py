"""Go's fmt.Sprint, fmt.Sprintln and fmt.Sprintf for template values.

Python values model Go values: ``str`` is a string, ``bool`` a bool, ``int`` a
64-bit int, ``float`` a float64, ``complex`` a complex128, ``None`` a nil
interface, and a ``Mapping`` with ``str`` keys a Go map. The executor's own
types ``Uint8`` (a byte from ``index``) and ``GoMap`` (a map that carries its
Go type name) print as those Go types. Any other mapping whose values are all
strings is a ``map[string]string``, and the rest are
``map[string]interface {}``. Bytes that are not valid UTF-8 arrive as the
surrogate escapes ``\\udc80``..``\\udcff`` (Python's ``surrogateescape``), and the
verbs that look at bytes or runes see the raw bytes that Go would see.

The behaviour follows Go 1.27's ``fmt`` package and is checked against golden
data that Go produced. Verbs, types and flags outside the implemented subset
raise ``UnsupportedVerb`` instead of printing something Go would not print.
One such verb is %p of a map, for which Go prints the map's memory address.
"""

from __future__ import annotations

import bisect
import math
import re
import struct
from collections.abc import Mapping, Sequence

from distr_secrets.template.unicode_print import PRINTABLE_RANGES
from distr_secrets.template.values import GoMap, Uint8, type_name

__all__ = [
    "UnsupportedVerb",
    "can_backquote",
    "format_go_float",
    "go_type_name",
    "is_print",
    "quote_rune",
    "quote_string",
    "sprint",
    "sprintf",
    "sprintln",
    "to_go_runes",
    "to_utf8_bytes",
]

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MASK = (1 << 64) - 1
MAX_RUNE = 0x10FFFF
RUNE_ERROR = 0xFFFD

# fmt ignores widths and precisions above this bound (Go's fmt.tooLarge).
MAX_WIDTH = 1_000_000


class UnsupportedVerb(ValueError):
    """A verb, flag or value that this fmt subset cannot print as Go would."""


def sprint(args: Sequence[object]) -> str:
    """Format operands with %v, as Go's fmt.Sprint does.

    A space separates two operands when neither of them is a string.
    """
    if len(args) == 1 and isinstance(args[0], str):
        # The executor prints most values this way. str.__str__ returns the
        # characters themselves even for a subclass that overrides __str__.
        return str.__str__(args[0])
    printer = _Printer()
    previous_is_string = False
    for index, arg in enumerate(args):
        is_string = isinstance(arg, str)
        if index > 0 and not is_string and not previous_is_string:
            printer.write(" ")
        printer.print_arg(arg, "v")
        previous_is_string = is_string
    return printer.output()


def sprintln(args: Sequence[object]) -> str:
    """Format operands with %v, as Go's fmt.Sprintln does.

    A space always separates operands and a newline ends the output.
    """
    printer = _Printer()
    for index, arg in enumerate(args):
        if index > 0:
            printer.write(" ")
        printer.print_arg(arg, "v")
    printer.write("\n")
    return printer.output()


def sprintf(format: str, args: Sequence[object]) -> str:
    """Format operands according to a format string, as Go's fmt.Sprintf does."""
    printer = _Printer()
    _FormatScanner(printer, format, args).run()
    return printer.output()


def go_type_name(value: object) -> str:
    """Return the Go type name that fmt prints for a value, as in %!d(string=x)."""
    if isinstance(value, Mapping) and not isinstance(value, GoMap):
        # A plain mapping stands for the secrets map when all its values are
        # strings, and for the data map otherwise.
        if all(isinstance(item, str) for item in value.values()):
            return "map[string]string"
        return "map[string]interface {}"
    if isinstance(value, (str, int, float, complex, GoMap)):
        return type_name(value)
    raise UnsupportedVerb(
        f"printing a value of Python type {type(value).__name__} is not supported"
    )


class _Printer:
    """The output buffer and the flags of the verb being formatted."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.clear_flags()

    def clear_flags(self) -> None:
        self.width = 0
        self.precision = 0
        self.width_present = False
        self.precision_present = False
        self.minus = False
        self.plus = False
        self.sharp = False
        self.space = False
        self.zero = False
        # %+v and %#v move the plus and sharp flags here, because for %v they
        # ask for field names and Go syntax instead of a sign and a prefix.
        self.plus_v = False
        self.sharp_v = False

    def write(self, text: str) -> None:
        self.parts.append(text)

    def output(self) -> str:
        return "".join(self.parts)

    # Padding.

    def write_padding(self, count: int) -> None:
        if count <= 0:
            return
        pad_char = "0" if self.zero and not self.minus else " "
        self.parts.append(pad_char * count)

    def pad(self, text: str) -> None:
        """Write text padded with spaces or zeros to the width, in runes."""
        if not self.width_present or self.width == 0:
            self.parts.append(text)
            return
        fill = self.width - _rune_count(text)
        if self.minus:
            self.parts.append(text)
            self.write_padding(fill)
        else:
            self.write_padding(fill)
            self.parts.append(text)

    def pad_without_zeros(self, text: str) -> None:
        saved_zero = self.zero
        self.zero = False
        self.pad(text)
        self.zero = saved_zero

    # Dispatch on the operand's type.

    def print_arg(self, arg: object, verb: str) -> None:
        if arg is None:
            if verb in ("v", "T"):
                self.pad("<nil>")
            else:
                self.bad_verb(None, verb)
            return
        # Go handles %T and %p before looking at the operand's value.
        if verb == "T":
            self.format_plain(go_type_name(arg))
        elif verb == "p":
            self.format_pointer(arg)
        else:
            self.print_value(arg, verb, 0)

    def print_value(self, value: object, verb: str, depth: int) -> None:
        if isinstance(value, bool):
            self.format_bool(value, verb)
        elif isinstance(value, int):
            self.format_int(value, verb)
        elif isinstance(value, float):
            self.format_float(value, verb)
        elif isinstance(value, complex):
            self.format_complex(value, verb)
        elif isinstance(value, str):
            self.format_string(value, verb)
        elif isinstance(value, Mapping):
            self.format_map(value, verb, depth)
        else:
            raise UnsupportedVerb(
                f"printing a value of Python type {type(value).__name__} "
                "is not supported"
            )

    def format_pointer(self, value: object) -> None:
        """Print %p, which Go reports as a bad verb for every operand but a map."""
        if isinstance(value, Mapping):
            raise UnsupportedVerb(
                "printf verb %p is not supported for maps, because Go prints "
                "the map's memory address, which changes from run to run"
            )
        self.bad_verb(value, "p")

    def bad_verb(self, value: object, verb: str) -> None:
        """Write Go's %!verb(type=value) for a verb that does not fit the value."""
        self.write("%!" + verb + "(")
        if value is None:
            self.write("<nil>")
        else:
            self.write(go_type_name(value) + "=")
            self.print_arg(value, "v")
        self.write(")")

    def format_bool(self, value: bool, verb: str) -> None:
        if verb in ("t", "v"):
            self.pad("true" if value else "false")
        else:
            self.bad_verb(value, verb)

    def format_string(self, value: str, verb: str) -> None:
        if verb == "v":
            if self.sharp_v:
                self.format_quoted(value)
            else:
                self.format_plain(value)
        elif verb == "s":
            self.format_plain(value)
        elif verb == "x":
            self.format_hex_bytes(value, "0123456789abcdefx")
        elif verb == "X":
            self.format_hex_bytes(value, "0123456789ABCDEFX")
        elif verb == "q":
            self.format_quoted(value)
        else:
            self.bad_verb(value, verb)

    def format_map(self, value: Mapping[object, object], verb: str, depth: int) -> None:
        type_name = go_type_name(value)
        holds_interfaces = type_name.endswith("interface {}")
        if self.sharp_v:
            self.write(type_name + "{")
        else:
            self.write("map[")

        for index, key in enumerate(_sorted_keys(value)):
            if index > 0:
                self.write(", " if self.sharp_v else " ")
            self.print_value(key, verb, depth + 1)
            self.write(":")
            item = value[key]
            if item is None and holds_interfaces:
                # A nil interface inside a map prints without padding or verb
                # checks, unlike a nil operand.
                self.write("interface {}(nil)" if self.sharp_v else "<nil>")
            else:
                self.print_value(item, verb, depth + 1)

        self.write("}" if self.sharp_v else "]")

    # Strings.

    def truncate(self, value: str) -> str:
        """Cut a string to the precision, counted in runes."""
        if not self.precision_present:
            return value
        runes = to_go_runes(value)
        return runes[: self.precision]

    def format_plain(self, value: str) -> None:
        self.pad(self.truncate(value))

    def format_quoted(self, value: str) -> None:
        value = self.truncate(value)
        if self.sharp and can_backquote(value):
            self.pad("`" + value + "`")
        else:
            self.pad(quote_string(value, ascii_only=self.plus))

    def format_hex_bytes(self, value: str, digits: str) -> None:
        data = to_utf8_bytes(value)
        length = len(data)
        if self.precision_present and self.precision < length:
            length = self.precision
        if length == 0:
            if self.width_present:
                self.write_padding(self.width)
            return

        encoded_width = 2 * length
        if self.space:
            if self.sharp:
                encoded_width *= 2
            encoded_width += length - 1
        elif self.sharp:
            encoded_width += 2
        fill = self.width - encoded_width if self.width_present else 0

        if not self.minus:
            self.write_padding(fill)
        pieces = []
        prefix = "0" + digits[16] if self.sharp else ""
        for byte in data[:length]:
            pieces.append(digits[byte >> 4] + digits[byte & 0xF])
        if self.space:
            self.write(prefix + (" " + prefix).join(pieces))
        else:
            self.write(prefix + "".join(pieces))
        if self.minus:
            self.write_padding(fill)

    # Integers.

    def format_int(self, value: int, verb: str) -> None:
        unsigned = isinstance(value, Uint8)
        if unsigned and not 0 <= value <= 0xFF:
            raise UnsupportedVerb("printing a uint8 outside the range 0 to 255")
        if not INT64_MIN <= value <= INT64_MAX:
            raise UnsupportedVerb("printing an integer outside the int64 range")
        if verb == "v" and unsigned and self.sharp_v:
            # %#v shows unsigned integers in hex with a 0x prefix.
            saved_sharp = self.sharp
            self.sharp = True
            self.format_integer(value, 16, verb, "0123456789abcdefx")
            self.sharp = saved_sharp
        elif verb in ("v", "d"):
            self.format_integer(value, 10, verb, "0123456789abcdefx")
        elif verb == "b":
            self.format_integer(value, 2, verb, "0123456789abcdefx")
        elif verb in ("o", "O"):
            self.format_integer(value, 8, verb, "0123456789abcdefx")
        elif verb == "x":
            self.format_integer(value, 16, verb, "0123456789abcdefx")
        elif verb == "X":
            self.format_integer(value, 16, verb, "0123456789ABCDEFX")
        elif verb == "c":
            self.pad(chr(_valid_rune(value & UINT64_MASK)))
        elif verb == "q":
            self.pad(quote_rune(_valid_rune(value & UINT64_MASK), ascii_only=self.plus))
        elif verb == "U":
            self.format_unicode(value & UINT64_MASK)
        else:
            self.bad_verb(value, verb)

    def format_integer(self, value: int, base: int, verb: str, digits: str) -> None:
        negative = value < 0
        magnitude = -value if negative else value

        # Precision, or the zero flag with a width, requests leading zeros.
        min_digits = 0
        if self.precision_present:
            min_digits = self.precision
            if min_digits == 0 and magnitude == 0:
                saved_zero = self.zero
                self.zero = False
                self.write_padding(self.width)
                self.zero = saved_zero
                return
        elif self.zero and not self.minus and self.width_present:
            min_digits = self.width
            if negative or self.plus or self.space:
                min_digits -= 1

        text = _integer_digits(magnitude, base, digits).rjust(min_digits, "0")
        if self.sharp:
            if base == 2:
                text = "0b" + text
            elif base == 8 and text[0] != "0":
                text = "0" + text
            elif base == 16:
                text = "0" + digits[16] + text
        if verb == "O":
            text = "0o" + text

        if negative:
            text = "-" + text
        elif self.plus:
            text = "+" + text
        elif self.space:
            text = " " + text
        self.pad_without_zeros(text)

    def format_unicode(self, value: int) -> None:
        min_digits = 4
        if self.precision_present and self.precision > 4:
            min_digits = self.precision
        text = "U+" + format(value, "X").rjust(min_digits, "0")
        if self.sharp and value <= MAX_RUNE and is_print(value):
            text += " '" + chr(value) + "'"
        self.pad_without_zeros(text)

    # Floating-point and complex numbers.

    def format_float(self, value: float, verb: str) -> None:
        if verb == "v":
            self.format_float_with(value, "g", -1)
        elif verb in ("b", "g", "G", "x", "X"):
            self.format_float_with(value, verb, -1)
        elif verb in ("f", "e", "E"):
            self.format_float_with(value, verb, 6)
        elif verb == "F":
            self.format_float_with(value, "f", 6)
        else:
            self.bad_verb(value, verb)

    def format_complex(self, value: complex, verb: str) -> None:
        if verb not in ("v", "b", "g", "G", "x", "X", "f", "F", "e", "E"):
            self.bad_verb(value, verb)
            return
        saved_plus = self.plus
        self.write("(")
        self.format_float(value.real, verb)
        # The imaginary part always has a sign.
        self.plus = True
        self.format_float(value.imag, verb)
        self.write("i)")
        self.plus = saved_plus

    def format_float_with(self, value: float, verb: str, precision: int) -> None:
        if self.precision_present:
            precision = self.precision
        number = format_go_float(value, verb, precision)
        if number[0] not in "+-":
            number = "+" + number
        if self.space and number[0] == "+" and not self.plus:
            number = " " + number[1:]

        # Infinities and NaN are never padded with zeros, and NaN has a sign
        # only when the plus or space flag requests one.
        if number[1] in "IN":
            if number[1] == "N" and not self.space and not self.plus:
                number = number[1:]
            self.pad_without_zeros(number)
            return

        if self.sharp and verb != "b":
            number = _apply_sharp_flag(number, verb, precision)

        if self.plus or number[0] != "+":
            # With zero padding the sign goes before the zeros.
            if (
                self.zero
                and not self.minus
                and self.width_present
                and self.width > len(number)
            ):
                self.write(number[0])
                self.write_padding(self.width - len(number))
                self.write(number[1:])
                return
            self.pad(number)
            return
        self.pad(number[1:])


class _FormatScanner:
    """Walks a Printf format string and prints each operand for its verb."""

    def __init__(self, printer: _Printer, format: str, args: Sequence[object]) -> None:
        self.printer = printer
        self.format = format
        self.args = args
        self.arg_index = 0
        self.position = 0
        # An explicit index such as %[2]d turns off the check for unused
        # operands, as in Go.
        self.reordered = False
        self.good_arg_index = True

    def run(self) -> None:
        text = self.format
        end = len(text)
        printer = self.printer
        while self.position < end:
            start = self.position
            percent = text.find("%", start)
            if percent < 0:
                printer.write(text[start:])
                break
            if percent > start:
                printer.write(text[start:percent])
            self.position = percent + 1
            if not self.format_one_verb():
                break
        self.write_extra_args()

    def format_one_verb(self) -> bool:
        """Format the verb after a '%'; return False when the format ends early."""
        printer = self.printer
        text = self.format
        end = len(text)
        self.good_arg_index = True
        printer.clear_flags()
        self.parse_flags()

        after_index = self.parse_arg_index()
        after_index = self.parse_width(after_index)
        after_index = self.parse_precision(after_index)
        if not after_index:
            after_index = self.parse_arg_index()

        if self.position >= end:
            printer.write("%!(NOVERB)")
            return False
        verb = _go_verb(text[self.position])
        self.position += 1

        if verb == "%":
            # %% takes no operand and ignores the flags, width and precision.
            printer.write("%")
        elif not self.good_arg_index:
            printer.write("%!" + verb + "(BADINDEX)")
        elif self.arg_index >= len(self.args):
            printer.write("%!" + verb + "(MISSING)")
        else:
            if verb in ("v", "w"):
                printer.sharp_v, printer.sharp = printer.sharp, False
                printer.plus_v, printer.plus = printer.plus, False
            if verb == "w":
                # Sprintf has no error to wrap, so Go reports %w as a bad verb.
                printer.bad_verb(self.args[self.arg_index], verb)
            else:
                printer.print_arg(self.args[self.arg_index], verb)
            self.arg_index += 1
        return True

    def parse_flags(self) -> None:
        printer = self.printer
        text = self.format
        while self.position < len(text):
            char = text[self.position]
            if char == "#":
                printer.sharp = True
            elif char == "0":
                printer.zero = True
            elif char == "+":
                printer.plus = True
            elif char == "-":
                printer.minus = True
            elif char == " ":
                printer.space = True
            else:
                return
            self.position += 1

    def parse_arg_index(self) -> bool:
        """Parse an explicit operand index such as [2]; return whether one was read."""
        text = self.format
        if self.position >= len(text) or text[self.position] != "[":
            return False
        self.reordered = True
        match = _ARG_INDEX.match(text, self.position)
        close = text.find("]", self.position + 1)
        if close < 0 or len(text) - self.position < 3:
            # Without a closing bracket, or with only "[]" left, Go consumes
            # just the '[' and the next character is read as the verb.
            self.position += 1
            self.good_arg_index = False
            return False
        self.position = close + 1
        if match is None or match.end() != close + 1:
            self.good_arg_index = False
            return False
        number = _parse_number(match.group(1))
        if number is None:
            self.good_arg_index = False
            return False
        index = number - 1
        if 0 <= index < len(self.args):
            self.arg_index = index
            return True
        self.good_arg_index = False
        return True

    def parse_width(self, after_index: bool) -> bool:
        printer = self.printer
        text = self.format
        if self.position < len(text) and text[self.position] == "*":
            self.position += 1
            printer.width, printer.width_present = self.take_int_arg()
            if not printer.width_present:
                printer.write("%!(BADWIDTH)")
            if printer.width < 0:
                # A negative width from an operand means left alignment.
                printer.width = -printer.width
                printer.minus = True
                printer.zero = False
            return False

        width, present = self.parse_literal_number()
        printer.width, printer.width_present = width, present
        if after_index and present:
            # Go rejects a width after an index, as in "%[3]2d".
            self.good_arg_index = False
        return after_index

    def parse_precision(self, after_index: bool) -> bool:
        printer = self.printer
        text = self.format
        if not (self.position + 1 < len(text) and text[self.position] == "."):
            return after_index
        self.position += 1
        if after_index:
            # Go rejects a precision after an index, as in "%[3].2d".
            self.good_arg_index = False
        after_index = self.parse_arg_index()

        if self.position < len(text) and text[self.position] == "*":
            self.position += 1
            printer.precision, printer.precision_present = self.take_int_arg()
            if printer.precision < 0:
                # A negative precision from an operand counts as no precision.
                printer.precision = 0
                printer.precision_present = False
            if not printer.precision_present:
                printer.write("%!(BADPREC)")
            return False

        precision, present = self.parse_literal_number()
        printer.precision = precision if present else 0
        printer.precision_present = True
        return after_index

    def parse_literal_number(self) -> tuple[int, bool]:
        """Parse decimal digits at the current position into (number, present)."""
        text = self.format
        start = self.position
        end = start
        while end < len(text) and "0" <= text[end] <= "9":
            end += 1
        if end == start:
            return 0, False
        number = _parse_number(text[start:end])
        if number is None:
            # Go gives up on a huge number and skips the rest of the format.
            self.position = len(text)
            return 0, False
        self.position = end
        return number, True

    def take_int_arg(self) -> tuple[int, bool]:
        """Take the next operand as a width or precision: (number, is valid)."""
        if self.arg_index >= len(self.args):
            return 0, False
        arg = self.args[self.arg_index]
        self.arg_index += 1
        if isinstance(arg, bool) or not isinstance(arg, int):
            return 0, False
        if arg > MAX_WIDTH or arg < -MAX_WIDTH:
            return 0, False
        return arg, True

    def write_extra_args(self) -> None:
        if self.reordered or self.arg_index >= len(self.args):
            return
        printer = self.printer
        printer.clear_flags()
        printer.write("%!(EXTRA ")
        for index, arg in enumerate(self.args[self.arg_index :]):
            if index > 0:
                printer.write(", ")
            if arg is None:
                printer.write("<nil>")
            else:
                printer.write(go_type_name(arg) + "=")
                printer.print_arg(arg, "v")
        printer.write(")")


_ARG_INDEX = re.compile(r"\[([0-9]*)\]")


def _parse_number(digits: str) -> int | None:
    """Parse a width, precision or index; None where Go's parser gives up."""
    if not digits:
        return None
    number = 0
    for digit in digits:
        if number > MAX_WIDTH:
            return None
        number = number * 10 + ord(digit) - ord("0")
    return number


def _go_verb(char: str) -> str:
    # Go decodes the verb as UTF-8, and a byte that is not valid UTF-8 becomes
    # U+FFFD in the error text.
    if "\udc80" <= char <= "\udcff":
        return "\ufffd"
    return char


def _sorted_keys(value: Mapping[object, object]) -> list[str]:
    keys = list(value.keys())
    for key in keys:
        if not isinstance(key, str):
            raise UnsupportedVerb(
                f"printing a map with {type(key).__name__} keys is not supported"
            )
    # Go sorts string keys by their bytes, which differs from code point order
    # once surrogate escapes stand for raw bytes.
    return sorted(keys, key=to_utf8_bytes)  # type: ignore[arg-type]


def _rune_count(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(to_go_runes(text))


def _valid_rune(code: int) -> int:
    """Map a code point that UTF-8 cannot encode to U+FFFD, as Go's utf8 does."""
    if code > MAX_RUNE or 0xD800 <= code <= 0xDFFF:
        return RUNE_ERROR
    return code


def _integer_digits(magnitude: int, base: int, digits: str) -> str:
    if base == 10:
        return str(magnitude)
    if base == 16:
        text = format(magnitude, "x")
        return text.upper() if digits[10] == "A" else text
    if base == 8:
        return format(magnitude, "o")
    return format(magnitude, "b")


# strconv.FormatFloat.


def format_go_float(value: float, verb: str, precision: int) -> str:
    """Format a float64 as Go's strconv.FormatFloat(value, verb, precision, 64).

    A negative precision requests the fewest digits that read back to the same
    value. The result starts with '-' for negative numbers, and infinities are
    "+Inf" and "-Inf".
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    negative = math.copysign(1.0, value) < 0
    magnitude = -value if negative else value
    sign = "-" if negative else ""

    if verb == "b":
        return sign + _format_binary_exponent(magnitude)
    if verb in ("x", "X"):
        return sign + _format_hex_float(magnitude, precision, verb)
    if precision < 0:
        digits, point = _shortest_digits(magnitude)
        return sign + _format_digits(digits, point, verb, precision)
    if verb in ("e", "E", "f"):
        # Python rounds correctly, ties to even, as Go does for a fixed
        # precision, and lays out %e and %f the same way.
        return sign + format(magnitude, f".{precision}{verb}")
    precision = max(precision, 1)
    digits, point = _rounded_digits(magnitude, precision)
    return sign + _format_digits(digits, point, verb, precision)


def _shortest_digits(magnitude: float) -> tuple[str, int]:
    """Return the shortest round-trip digits and the decimal point position.

    The value is 0.DIGITS times 10**point. Python's repr and Go's strconv both
    pick the shortest digit string that reads back to the same float, and
    the closest one when several exist.
    """
    if magnitude == 0:
        return "", 0
    mantissa, _, exponent = repr(magnitude).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + (int(exponent) if exponent else 0)
    if whole == "0":
        point -= len(fraction) - len(fraction.lstrip("0")) + 1
    if fraction == "0":
        digits = whole.lstrip("0")
    return digits.rstrip("0"), point


def _rounded_digits(magnitude: float, count: int) -> tuple[str, int]:
    """Round to count significant digits; return trimmed digits and point."""
    if magnitude == 0:
        return "", 0
    mantissa, _, exponent = format(magnitude, f".{count - 1}e").partition("e")
    digits = mantissa.replace(".", "").rstrip("0")
    return digits, int(exponent) + 1


def _format_digits(digits: str, point: int, verb: str, precision: int) -> str:
    """Lay out decimal digits for %e, %f or %g as Go's strconv does.

    The value is 0.DIGITS times 10**point, with trailing zeros trimmed. A
    negative precision means the digits are the shortest form, so %e and %f
    show all of them and %g switches to exponent form from an exponent of 6.
    """
    count = len(digits)
    shortest = precision < 0
    if shortest:
        if verb in ("e", "E"):
            precision = max(count - 1, 0)
        elif verb == "f":
            precision = max(count - point, 0)
        else:
            precision = count

    if verb in ("g", "G"):
        exponent_limit = 6 if shortest else precision
        if point - 1 < -4 or point - 1 >= exponent_limit:
            verb = "e" if verb == "g" else "E"
            precision = min(precision, count) - 1
        else:
            if precision > point:
                precision = count
            precision = max(precision - point, 0)
            verb = "f"

    if verb == "f":
        return _layout_fixed(digits, point, precision)
    return _layout_exponent(digits, point, verb, precision)


def _layout_fixed(digits: str, point: int, precision: int) -> str:
    if point > 0:
        text = digits[:point].ljust(point, "0")
    else:
        text = "0"
    if precision > 0:
        fraction = []
        for index in range(point, point + precision):
            fraction.append(digits[index] if 0 <= index < len(digits) else "0")
        text += "." + "".join(fraction)
    return text


def _layout_exponent(digits: str, point: int, verb: str, precision: int) -> str:
    text = digits[0] if digits else "0"
    if precision > 0:
        text += "." + digits[1 : precision + 1].ljust(precision, "0")
    # Zero has no digits and prints with exponent 0.
    exponent = point - 1 if digits else 0
    sign = "-" if exponent < 0 else "+"
    return f"{text}{verb}{sign}{abs(exponent):02d}"


def _float_bits(magnitude: float) -> tuple[int, int]:
    """Split a non-negative finite float64 into (mantissa, binary exponent).

    The value is mantissa * 2**exponent, with the implicit leading bit set
    for normal numbers, as Go's strconv splits it.
    """
    bits = struct.unpack(">Q", struct.pack(">d", magnitude))[0]
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & ((1 << 52) - 1)
    if exponent == 0:
        exponent = 1
    else:
        mantissa |= 1 << 52
    return mantissa, exponent - 1023 - 52


def _format_binary_exponent(magnitude: float) -> str:
    mantissa, exponent = _float_bits(magnitude)
    sign = "+" if exponent >= 0 else ""
    return f"{mantissa}p{sign}{exponent}"


def _format_hex_float(magnitude: float, precision: int, verb: str) -> str:
    """Format as Go's %x for floats: 0x1.fffp+10, rounding ties to even."""
    mantissa, exponent = _float_bits(magnitude)
    # Go counts the exponent for the leading hex digit, and 0 has exponent 0.
    exponent += 52
    if mantissa == 0:
        exponent = 0

    # Put the leading 1 bit at bit 60, leaving four fraction bits per digit.
    mantissa <<= 60 - 52
    while mantissa != 0 and mantissa & (1 << 60) == 0:
        mantissa <<= 1
        exponent -= 1

    if 0 <= precision < 15:
        shift = precision * 4
        dropped = (mantissa << shift) & ((1 << 60) - 1)
        mantissa >>= 60 - shift
        if dropped | (mantissa & 1) > 1 << 59:
            mantissa += 1
        mantissa <<= 60 - shift
        if mantissa & (1 << 61):
            mantissa >>= 1
            exponent += 1

    hex_digits = "0123456789abcdef" if verb == "x" else "0123456789ABCDEF"
    text = "0" + verb + str((mantissa >> 60) & 1)
    fraction_bits = (mantissa << 4) & ((1 << 64) - 1)
    fraction = []
    if precision < 0:
        while fraction_bits != 0:
            fraction.append(hex_digits[(fraction_bits >> 60) & 0xF])
            fraction_bits = (fraction_bits << 4) & ((1 << 64) - 1)
    else:
        for _ in range(precision):
            fraction.append(hex_digits[(fraction_bits >> 60) & 0xF])
            fraction_bits = (fraction_bits << 4) & ((1 << 64) - 1)
    if fraction:
        text += "." + "".join(fraction)

    sign = "-" if exponent < 0 else "+"
    return f"{text}{'p' if verb == 'x' else 'P'}{sign}{abs(exponent):02d}"


def _apply_sharp_flag(number: str, verb: str, precision: int) -> str:
    """Apply the # flag to a signed number: keep the point and trailing zeros.

    number starts with its sign. For %g and %x the digits are filled up to
    the precision, 6 when none is given, counting from the first nonzero
    digit.
    """
    if verb in ("g", "G", "x"):
        missing_digits = 6 if precision == -1 else precision
    else:
        missing_digits = 0

    body = number
    tail = ""
    has_point = False
    seen_nonzero = False
    for index in range(1, len(number)):
        char = number[index]
        if char == ".":
            has_point = True
        elif char in "pP" or (char in "eE" and verb not in ("x", "X")):
            body, tail = number[:index], number[index:]
            break
        else:
            if char != "0":
                seen_nonzero = True
            if seen_nonzero:
                missing_digits -= 1

    if not has_point:
        # A lone 0 still counts as one digit.
        if body[1:] == "0":
            missing_digits -= 1
        body += "."
    if missing_digits > 0:
        body += "0" * missing_digits
    return body + tail


# strconv quoting and UTF-8 handling.


def is_print(code: int) -> bool:
    """Report whether Go's strconv.IsPrint accepts a code point."""
    index = bisect.bisect_right(PRINTABLE_RANGES, code)
    # PRINTABLE_RANGES alternates first and last code points, so an odd index
    # lands inside a range. A range's last code point lands just after it.
    if index % 2 == 1:
        return True
    return index > 0 and PRINTABLE_RANGES[index - 1] == code


def to_utf8_bytes(text: str) -> bytes:
    """Encode text as the bytes of the Go string it stands for."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        # NOTE: a surrogate outside U+DC80..U+DCFF cannot come from decoded
        # bytes, and Go strings cannot hold one, so it becomes U+FFFD.
        return _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8", "surrogateescape")


def to_go_runes(text: str) -> str:
    """Return text with one character per rune that Go decodes from its bytes.

    Escaped bytes that together form valid UTF-8 join into one character, and
    each byte that Go decodes as utf8.RuneError stays a surrogate escape.
    """
    return to_utf8_bytes(text).decode("utf-8", "surrogateescape")


def can_backquote(text: str) -> bool:
    """Report whether Go's strconv.CanBackquote accepts the string."""
    for char in to_go_runes(text):
        if char == "\ufeff" or "\udc80" <= char <= "\udcff":
            return False
        if (char < " " and char != "\t") or char in ("`", "\x7f"):
            return False
    return True


def quote_string(text: str, *, ascii_only: bool) -> str:
    """Quote a string as Go's strconv.Quote, or QuoteToASCII when ascii_only."""
    if text.isascii():
        # ASCII quotes the same way with or without ascii_only, and Python's
        # printable ASCII is Go's too: U+0020 to U+007E.
        if text.isprintable() and '"' not in text and "\\" not in text:
            return '"' + text + '"'
        return '"' + text.translate(_QUOTED_ASCII) + '"'

    pieces = ['"']
    for char in to_go_runes(text):
        if char < "\x80":
            pieces.append(_QUOTED_ASCII[ord(char)])
        elif "\udc80" <= char <= "\udcff":
            pieces.append(f"\\x{ord(char) - 0xDC00:02x}")
        else:
            pieces.append(_escape_rune(ord(char), '"', ascii_only))
    pieces.append('"')
    return "".join(pieces)


def quote_rune(code: int, *, ascii_only: bool) -> str:
    """Quote a rune as Go's strconv.QuoteRune, or QuoteRuneToASCII."""
    return "'" + _escape_rune(_valid_rune(code), "'", ascii_only) + "'"


_SIMPLE_ESCAPES = {
    0x07: "\\a",
    0x08: "\\b",
    0x0C: "\\f",
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x0B: "\\v",
}

_LONE_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def _escape_rune(code: int, quote: str, ascii_only: bool) -> str:
    char = chr(code)
    if char == quote or char == "\\":
        return "\\" + char
    if ascii_only:
        if code < 0x80 and is_print(code):
            return char
    elif is_print(code):
        return char
    if code in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[code]
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Each ASCII character as it appears inside a double-quoted Go string, indexed
# by code point. str.translate accepts it as a table too.
_QUOTED_ASCII = tuple(_escape_rune(code, '"', False) for code in range(0x80))
