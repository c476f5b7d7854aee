"""Write the fmt and escaper test cases as JSON for the Go golden data generator.

Regenerate the golden file (needs Go 1.27) from the repository root with:

    python tests/gofmt/make_cases.py | (cd tests/gofmt/gen && go run .) \\
        > tests/gofmt/golden.json

The cases are a matrix of every verb against flag sets and operands of every
type, the error forms of Printf, Sprint and Sprintln spacing, the escapers, and
random format strings from a fixed seed. No case applies %p to a map, because
Go prints the map's address, which differs from run to run.
"""

from __future__ import annotations

import json
import random
import struct
import sys
from collections.abc import Iterator, Mapping

from distr_secrets.template.values import GoMap, Uint8

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

STRINGS = [
    "",
    "abc",
    "héllo, wörld",
    "日本語",
    'quote" back\\slash',
    "tab\tnew\nline\r",
    "\x00\x07\x1b\x7f",
    "`backquoted`",
    "\ufeffbom",
    "zero\u200bwidth\u00adsoft",
    "😀 emoji",
    "\U0001faf7\U00011f00\U0001cc00 newer Unicode",
    "\udcff\udcfe",
    "a\udcffb\udcc3",
    "\udce2\udc82\udcac euro bytes",
    "\ufffd replacement",
    "<a href='x'>&amp;</a>",
    "key=value&x=1 2+3~_-.",
    "\u2028\u2029\u0085",
    "\U000e0001\U0010ffff",
]

INTS = [
    0,
    1,
    -1,
    7,
    -42,
    255,
    65,
    0x1F600,
    0xD800,
    0x110000,
    0xFEFF,
    123456789,
    1 << 62,
    INT64_MAX,
    INT64_MIN,
    0x7F,
    0x0A,
]

FLOATS = [
    0.0,
    -0.0,
    1.0,
    -1.5,
    3.14159265358979,
    1e21,
    1e20,
    100000.0,
    1e6,
    123456789.0,
    0.0001,
    0.00001,
    1e-7,
    2.5,
    0.1,
    1 / 3,
    5e-324,
    1.7976931348623157e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    12345.678,
    0.5,
    2.675,
    1.0000000000000002,
    9.999999e-5,
    999999.5,
    1e100,
    2.2250738585072014e-308,
    0.000123456,
]

COMPLEXES = [
    1 + 2j,
    complex(-0.5, -3.25),
    complex(float("nan"), float("inf")),
    0j,
    complex(1e21, 1e-7),
]

MAPS: list[Mapping[str, object]] = [
    {"b": "2", "a": "1", "é": "x", "Z": "z"},
    {},
    {"x": 1, "y": "s", "z": None, "w": 2.5, "v": True},
    {"m": {"k": "v", "j": "\udcff"}, "n": -3},
    {"DB_PASSWORD": "s3cr3t", "API_URL": "https://example.com/a?b=c"},
    GoMap(
        {"Secrets": GoMap({"B": "2", "A": "1"}, "map[string]string")},
        "map[string]interface {}",
    ),
    GoMap({"only": "strings"}, "map[string]interface {}"),
]

OPERANDS: list[object] = (
    STRINGS + INTS + FLOATS + COMPLEXES + MAPS + [True, False, None]
)

# The matrix uses a sample of each type, because every operand is formatted with
# every verb and flag set. Random cases draw from the full lists.
MATRIX_OPERANDS: list[object] = (
    STRINGS[:8]
    + STRINGS[12:15]
    + [0, -1, 7, -42, 255, 0x1F600, 0xD800, INT64_MIN]
    + [0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1e21, 100000.0, 1e6, 1e-7, 5e-324]
    + [float("nan"), float("-inf"), 999999.5]
    + COMPLEXES[:2]
    + MAPS[:3]
    + [True, None]
    + [Uint8(0), Uint8(97), Uint8(255)]
    + MAPS[-2:]
)

VERBS = "sqvdxXoObcUeEfFgGtz"

FLAG_SETS = [
    "",
    "+",
    "-",
    "#",
    " ",
    "08",
    "-8",
    "8.3",
    ".3",
    ".0",
    "+.2",
    "#8.2",
    "-#10",
    "010.4",
    " 08",
    "#.0",
]


def encode(value: object) -> list[object]:
    """Encode a Python operand as the generator's [type, value] pair."""
    if value is None:
        return ["nil", None]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, Uint8):
        return ["uint8", str(value)]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float64", repr(value)]
    if isinstance(value, complex):
        return ["complex128", [repr(value.real), repr(value.imag)]]
    if isinstance(value, str):
        if any("\udc80" <= char <= "\udcff" for char in value):
            # JSON cannot carry invalid UTF-8, so such strings go as hex bytes.
            return ["bytes", value.encode("utf-8", "surrogateescape").hex()]
        return ["string", value]
    if isinstance(value, GoMap) and value.type_name == "map[string]interface {}":
        return ["map_any", [[key, encode(item)] for key, item in value.items()]]
    if isinstance(value, Mapping):
        return ["map", [[key, encode(item)] for key, item in value.items()]]
    raise TypeError(f"cannot encode {type(value).__name__}")


def sprintf_case(format: str, *args: object) -> dict[str, object]:
    case: dict[str, object] = {"func": "sprintf", "args": [encode(a) for a in args]}
    if any("\udc80" <= char <= "\udcff" for char in format):
        case["format_hex"] = format.encode("utf-8", "surrogateescape").hex()
    else:
        case["format"] = format
    return case


def call_case(func: str, *args: object) -> dict[str, object]:
    return {"func": func, "args": [encode(a) for a in args]}


def matrix_cases() -> Iterator[dict[str, object]]:
    for verb in VERBS:
        for flags in FLAG_SETS:
            for operand in MATRIX_OPERANDS:
                yield sprintf_case(f"%{flags}{verb}", operand)


def type_and_pointer_cases() -> Iterator[dict[str, object]]:
    """Yield %T for every operand type and %p for every operand but maps."""
    for flags in FLAG_SETS:
        for operand in MATRIX_OPERANDS:
            yield sprintf_case(f"%{flags}T", operand)
            if not isinstance(operand, Mapping):
                yield sprintf_case(f"%{flags}p", operand)

    yield sprintf_case("%T %T %T %T", 1, 1.0, "1", None)
    yield sprintf_case("%T|%T|%T", MAPS[3], MAPS[5], MAPS[6])
    yield sprintf_case("%-30T|%30T|%.9T|%030T", MAPS[0], MAPS[2], MAPS[0], MAPS[2])
    yield sprintf_case("%-10T|%10T|%#T|%+T|% T", "a", "a", "a", "a", "a")
    yield sprintf_case("%-8T|%8T|%08T|%.2T|%.0T|", None, None, None, None, None)
    yield sprintf_case("%T|%T|%T", Uint8(97), 0x65E5, 1e21)
    yield sprintf_case("%*T|%-*T|%.*T|%*T", 8, "a", 8, 1, 2, 1.5, -6, True)
    yield sprintf_case("%[2]T %[1]T %T", "a", 1)
    yield sprintf_case("%[3]T|%[0]p|%[x]T", 1, 2)
    yield sprintf_case("%T %p")
    yield sprintf_case("%T", 1, "extra", None)
    yield sprintf_case("%p", "abc", MAPS[0])
    yield sprintf_case("%p|%5p|%-5p|%05p|%.1p", "ab", "ab", "ab", "ab", "ab")
    yield sprintf_case("%p|%+p|%#p|% p|%#+p", 1.5, 1.5, 1.5, -1.5, 2 + 1j)
    yield sprintf_case("%p|%#p|%+p|%x", Uint8(97), Uint8(97), -42, Uint8(7))
    yield sprintf_case("%p|%6p|%-6p|%T|%p", None, None, None, None, True)
    yield sprintf_case("%*p|%.*p|%-*.*p", 6, 7, 1, 3.25, 9, 2, "abcdef")
    yield sprintf_case("%p", "\udcff\udcfe")
    yield sprintf_case("%#v|%T|%p", Uint8(0), "\udcff", 0x1F600)


def error_form_cases() -> Iterator[dict[str, object]]:
    """Yield the Printf error forms and hand-picked flag, type and verb mixes."""
    yield sprintf_case("%d", "abc")
    yield sprintf_case("%s")
    yield sprintf_case("%s %d", "a")
    yield sprintf_case("x", "x", 1)
    yield sprintf_case("%s", "a", "b", 1, None, 2.5, {"k": "v"})
    yield sprintf_case("%")
    yield sprintf_case("abc%")
    yield sprintf_case("%-")
    yield sprintf_case("%5")
    yield sprintf_case("%5.")
    yield sprintf_case("%.", 3)
    yield sprintf_case("%5.d", 3)

    yield sprintf_case("%*d", "x", 3)
    yield sprintf_case("%*d", 5, 3)
    yield sprintf_case("%*d", -5, 3)
    yield sprintf_case("%0*d", -5, 3)
    yield sprintf_case("%*d", 2000000, 3)
    yield sprintf_case("%*d", 1.5, 3)
    yield sprintf_case("%*d", True, 3)
    yield sprintf_case("%*d", None, 3)
    yield sprintf_case("%*d")
    yield sprintf_case("%.*f", 2, 3.14159)
    yield sprintf_case("%.*f", -2, 3.14159)
    yield sprintf_case("%.*f", "x", 3.14159)
    yield sprintf_case("%.*f", 2000000, 3.14159)
    yield sprintf_case("%*.*f", 10, 3, 3.14159)
    yield sprintf_case("%-*.*s|", 6, 2, "abcdef")

    yield sprintf_case("%[2]d %[1]d", 1, 2)
    yield sprintf_case("%[2]d %d", 1, 2, 3)
    yield sprintf_case("%[3]d", 1, 2)
    yield sprintf_case("%[0]d", 1)
    yield sprintf_case("%[-1]d", 1)
    yield sprintf_case("%[x]d", 1)
    yield sprintf_case("%[1d", 1)
    yield sprintf_case("%[]d", 1)
    yield sprintf_case("%[1]", 1)
    yield sprintf_case("%[]", 1)
    yield sprintf_case("%[", 1)
    yield sprintf_case("%[é", 1)
    yield sprintf_case("%[]]", 1)
    yield sprintf_case("%.[]", 1)
    yield sprintf_case("%[1]d %[]", 1)
    yield sprintf_case("%[1]*d", 5, 3)
    yield sprintf_case("%[2]*[1]d", 3, 5)
    yield sprintf_case("%[1]2d", 3)
    yield sprintf_case("%[1].2d", 3)
    yield sprintf_case("%.[2]*[1]f", 3.14159, 2)
    yield sprintf_case("%.[2]d", 3, 4)
    yield sprintf_case("%d %d %[1]d %d", 1, 2)
    yield sprintf_case("%[5]d %d", 1, 2)
    yield sprintf_case("%[1]d %[1]x %[1]o", 64)
    yield sprintf_case("%[99999999999]d", 1)
    yield sprintf_case("%100000001d", 1)
    yield sprintf_case("%.100000001d", 1)
    yield sprintf_case("%10000000000000000000000d", 1)

    yield sprintf_case("%%")
    yield sprintf_case("%5%")
    yield sprintf_case("%-+#0 5.3%")
    yield sprintf_case("100%% of %s", "secrets")
    yield sprintf_case("%w", 1)
    yield sprintf_case("%w", None)
    yield sprintf_case("%#w", "a")
    yield sprintf_case("%!", 1)
    yield sprintf_case("%é", 1)
    yield sprintf_case("%\udcff", 1)
    yield sprintf_case("a\udcffb%s", "c")
    yield sprintf_case("%😀", "x")

    yield sprintf_case("%d %s", None, None)
    yield sprintf_case("%5v|%-5v|", None, None)
    yield sprintf_case("%05s|%-05s|", "ab", "ab")
    yield sprintf_case("%08q", "ab")
    yield sprintf_case("%.2q", "日本語")
    yield sprintf_case("%.1x", "日本語")
    yield sprintf_case("% x|% X|%# x|%#X", "héllo", "héllo", "héllo", "héllo")
    yield sprintf_case("%-10x|%10x|%010x", "ab", "ab", "ab")
    yield sprintf_case("%x|%5x|%-5x|", "", "", "")

    yield sprintf_case("%c%c%c", 72, 105, 0x1F600)
    yield sprintf_case("%5c|%-5c|", 0x65E5, 0x65E5)
    yield sprintf_case("%#U|%#U|%#U", 0x1F600, 0x0A, 0xD800)
    yield sprintf_case("%.8U|%#.8U|%08U|%-10U|", 0x41, 0x41, 0x41, 0x41)
    yield sprintf_case("%+q|%#+q|%+q", "héllo", "héllo", 0xE9)
    yield sprintf_case("%#q|%#q|%#q", "a`b", "a\tb", "a\nb")
    yield sprintf_case("%x|%X|%#x|%#o|%#b|%O|%#O", -255, -255, -255, -8, -5, 8, 8)
    yield sprintf_case("%+d|% d|%+ d|%-+5d|%+05d|% 05d", 5, 5, 5, 5, -5, 5)
    yield sprintf_case("%.0d|%5.0d|%-5.0d|%05.0d|", 0, 0, 0, 0)
    yield sprintf_case("%#.3x|%#08x|%#-8x|%08.3d", 5, 255, 255, -7)

    yield sprintf_case("%e|%E|%.0e|%#.0e|%#e", 0.0, 1e-300, 5.5, 5.5, 1.0)
    yield sprintf_case("%g|%#g|%#.3g|%#g|%#g", 100000.0, 100000.0, 1.0, 1e6, 0.0)
    yield sprintf_case("%#v|%#x|%#.2x|%#X", 1.0, 1.0, 1.0, 1.0)
    yield sprintf_case(
        "%x|%.0x|%.1x|%.3x|%.14x|%.15x", 1.5, 1.5, 1.03125, 3.0, 0.1, 0.1
    )
    yield sprintf_case("%x|%X|%x", 5e-324, 2.2250738585072014e-308, -0.0)
    yield sprintf_case("%b|%b|%b|%.3b|%#b", 1.0, 0.0, 5e-324, 1.0, 1.0)
    yield sprintf_case("%010.3f|%-010.3f|%+010.3f|% 010.3f", -3.5, -3.5, 3.5, 3.5)
    yield sprintf_case(
        "%010f|%-10f|%+10f|% f", float("nan"), float("inf"), float("nan"), float("nan")
    )
    yield sprintf_case("%08v|%+v|% v|%+.3v", float("-inf"), float("nan"), 0.0, 1 / 3)
    yield sprintf_case("%8.2f|%-8.2f|%08.2f", 1 + 2j, 1 + 2j, -1 - 2j)
    yield sprintf_case("%v %d %s", 1 + 2j, 1 + 2j, 1 + 2j)
    yield sprintf_case("%.3f %.20f %.30e", 2.675, 0.1, 1 / 3)
    yield sprintf_case("%.17g %.16g %.15g %.1g %.0g", 0.1, 0.1, 0.1, 0.15, 2.5)
    yield sprintf_case(
        "%.3g %.3g %.3g %.3g %.10g", 100.0, 1000.0, 1e-5, 0.0001234, 1e21
    )

    yield sprintf_case(
        "%v|%5v|%-8v|%08v|%x|%X",
        {"a": "b"},
        {"a": "b"},
        {"a": "b"},
        {"a": "b"},
        {"a": "b"},
        {"a": "b"},
    )
    yield sprintf_case(
        "%d|%s|%q|%#v|%+v",
        {"a": 1, "b": "x", "c": None},
        {"a": 1, "b": "x", "c": None},
        {"a": 1, "b": "x", "c": None},
        {"a": 1, "b": "x", "c": None},
        {"a": 1, "b": "x", "c": None},
    )
    yield sprintf_case("%v %#v", {"outer": {"inner": "x"}, "n": 1.5}, {"o": {"i": "x"}})

    yield sprintf_case("%t %v %s %d %5t|%-6t|", True, False, True, False, True, False)
    yield sprintf_case("%s %v", "\udcff\udcfe", "a\udcffb")
    yield sprintf_case("%5s|%-5s|%.1s|", "\udcff\udcfe", "\udcff\udcfe", "\udcff\udcfe")
    yield sprintf_case(
        "%q %+q %#q %x % X",
        "\udcc3\udca9",
        "\udcc3\udca9",
        "\udcc3\udca9",
        "\udcc3\udca9",
        "\udcc3\udca9",
    )
    yield sprintf_case("%q %q %q", "\udce2\udc82", "\udced\udca0\udc80", "\udcc0\udc80")
    yield sprintf_case("%c|%q|%U", -1, -1, -1)
    yield sprintf_case("%c|%q|%+q|%#U", 0x10FFFF, 0x10FFFF, 0x1F600, 0x1F600)
    yield sprintf_case("%q|%q|%q|%q", 0x27, 0x22, 0x5C, 0x0)
    yield sprintf_case("%6.2v|%-6.2v|", "abcdef", "abcdef")
    yield sprintf_case("%6.2f%%", 99.5)
    yield sprintf_case("%s=%q\n", "DB_PASSWORD", "p@ss w0rd")
    yield sprintf_case("%-20s|%20s|", "日本語テキスト", "日本語テキスト")
    yield sprintf_case("%v %v %v", 1e21, 1e20, 123456789.0)
    yield sprintf_case("%v %v %v %v", 1e-4, 1e-5, 0.000012345, 1e-320)


def sprint_cases() -> Iterator[dict[str, object]]:
    groups: list[list[object]] = [
        [],
        ["a"],
        ["a", "b"],
        [1, 2],
        ["a", 1, 2, "b", 3],
        [1, "a", 2],
        [None, None],
        ["x", None, "y"],
        [True, False, 1.5, 2],
        [1 + 2j, 3],
        [{"a": "b"}, {"c": 1}],
        ["", 1, "", 2],
        [1e21, 1e6, 100000.0, -0.0, float("nan")],
        ["\udcff", 1, "\udcfe"],
        [{}],
        [INT64_MIN, INT64_MAX],
    ]
    for group in groups:
        yield call_case("sprint", *group)
        yield call_case("sprintln", *group)


def escaper_cases() -> Iterator[dict[str, object]]:
    single_strings: list[list[object]] = [[text] for text in STRINGS]
    values: list[list[object]] = single_strings + [
        [],
        [None],
        [None, None],
        ["a", None],
        [1, 2],
        ["<b>", 1, "&"],
        [1.5, "'", True],
        [{"k": "<v>"}],
        ["\u2028\u2029\U0001f600\u00a0"],
        ["\x01\x1f =&<>'\"\\"],
        ["/path?q=1&r=a b#frag"],
        ["\ufeff\u0600\u206f\U000e0001"],
        ["\U0001faf7\U00011f00\U0001cc00"],
        [1 + 2j],
        [0xFF, "\udcff"],
    ]
    for func in ("html", "js", "urlquery"):
        for args in values:
            yield call_case(func, *args)


def random_operand(rng: random.Random) -> object:
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice(STRINGS)
    if kind == 1:
        # Any int may become a width through '*', so those that would give
        # huge padding are left out. Ints above fmt's limit of 1e6 stay in.
        small_or_huge = [n for n in INTS if abs(n) < 1000 or abs(n) > 10**6]
        extra = [rng.randint(-500, 500), Uint8(rng.randrange(256))]
        return rng.choice(small_or_huge + extra)
    if kind == 2:
        return rng.choice(FLOATS + [rng.uniform(-1e6, 1e6), rng.random() / 1000])
    if kind == 3:
        return rng.choice(COMPLEXES)
    if kind == 4:
        return rng.choice(MAPS)
    if kind == 5:
        return rng.choice([True, False])
    if kind == 6:
        return None
    # Random float bit patterns cover exponents that hand-picked values miss.
    return struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]


def random_spec(rng: random.Random, arg_count: int, verbs: str = VERBS + "%") -> str:
    spec = "%" + "".join(rng.sample("+-# 0", rng.randrange(0, 3)))
    if rng.random() < 0.1:
        spec += f"[{rng.randrange(0, arg_count + 2)}]"
    elif rng.random() < 0.03:
        spec += rng.choice(["[", "[]", "[x]", "[1", "[01]", "[1 ]", "]"])
    roll = rng.random()
    if roll < 0.35:
        spec += str(rng.randrange(0, 25))
    elif roll < 0.45:
        spec += "*"
    roll = rng.random()
    if roll < 0.35:
        spec += "." + str(rng.randrange(0, 25))
    elif roll < 0.4:
        spec += ".*"
    elif roll < 0.45:
        spec += "."
    return spec + rng.choice(verbs)


def random_cases(count: int, seed: int) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    words = ["", "x", " ", "key=", "日本", "|", "\n"]
    for _ in range(count):
        arg_count = rng.randrange(0, 5)
        args = [random_operand(rng) for _ in range(arg_count)]
        pieces = []
        for _ in range(rng.randrange(1, 5)):
            pieces.append(rng.choice(words))
            pieces.append(random_spec(rng, arg_count))
        yield sprintf_case("".join(pieces), *args)


def random_type_pointer_cases(count: int, seed: int) -> Iterator[dict[str, object]]:
    """Yield random formats that mix %T and %p with other verbs, without maps."""
    rng = random.Random(seed)
    words = ["", "x", " ", "|"]
    for _ in range(count):
        arg_count = rng.randrange(0, 5)
        args = []
        while len(args) < arg_count:
            operand = random_operand(rng)
            # Maps are left out entirely, because an explicit index or a
            # missing operand can move any operand under a %p.
            if not isinstance(operand, Mapping):
                args.append(operand)
        pieces = []
        for _ in range(rng.randrange(1, 4)):
            pieces.append(rng.choice(words))
            pieces.append(random_spec(rng, arg_count, "TTTpppvdsq%"))
        yield sprintf_case("".join(pieces), *args)


# Code point ranges for random strings: ASCII with controls, Latin-1, the
# rest of the BMP, astral planes, blocks added in Unicode 15 to 17 (newer than
# Python 3.11's tables), and the noncharacters and tag characters.
CODE_POINT_RANGES = [
    (0x00, 0x7F),
    (0x80, 0xFF),
    (0x100, 0xFFFF),
    (0x10000, 0x10FFFF),
    (0x11F00, 0x11F5F),
    (0x1CC00, 0x1CEBF),
    (0x1FA70, 0x1FAFF),
    (0x31350, 0x323AF),
    (0xFDD0, 0xFDEF),
    (0xE0000, 0xE007F),
]


def random_string(rng: random.Random) -> str:
    chars = []
    for _ in range(rng.randrange(0, 8)):
        if rng.random() < 0.15:
            # A raw byte, often one that is not valid UTF-8 on its own.
            chars.append(chr(0xDC80 + rng.randrange(0x80)))
            continue
        first, last = rng.choice(CODE_POINT_RANGES)
        code = rng.randint(first, last)
        if 0xD800 <= code <= 0xDFFF:
            code = 0xFFFD
        chars.append(chr(code))
    return "".join(chars)


def random_string_cases(count: int, seed: int) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    string_formats = [
        "%q",
        "%+q",
        "%#q",
        "%#+q",
        "%x",
        "% X",
        "%8s|",
        "%-6.3s|",
        "%.2q",
        "%v",
        "%#v",
        "%c",
        "%U",
        "%#U",
        "%+q",
    ]
    for _ in range(count):
        text = random_string(rng)
        yield sprintf_case(rng.choice(string_formats[:11]), text)
        code = ord(rng.choice(text)) if text else 0
        if not 0xD800 <= code <= 0xDFFF:
            yield sprintf_case(rng.choice(string_formats[11:]), code)
        yield call_case(rng.choice(["html", "js", "urlquery"]), text)
        operands = [random_operand(rng) for _ in range(rng.randrange(0, 4))]
        operands.insert(rng.randrange(len(operands) + 1), text)
        yield call_case(rng.choice(["sprint", "sprintln", "js"]), *operands)


def random_float(rng: random.Random) -> float:
    """Draw a float from random bits, or a short decimal, which has ties."""
    if rng.random() < 0.3:
        return float(f"{rng.randint(0, 99999)}e{rng.randint(-12, 12)}")
    return struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]


def random_float_cases(count: int, seed: int) -> Iterator[dict[str, object]]:
    """Yield float formatting cases: shortest digits, rounding and hex forms."""
    rng = random.Random(seed)
    for _ in range(count):
        yield call_case("sprint", *[random_float(rng) for _ in range(6)])
        precision = rng.randrange(0, 40)
        verb = rng.choice("eEfgGxXb")
        yield sprintf_case(
            f"%.{precision}{verb}|%#v", random_float(rng), random_float(rng)
        )


def all_cases() -> list[dict[str, object]]:
    cases = list(matrix_cases())
    cases += type_and_pointer_cases()
    cases += error_form_cases()
    cases += sprint_cases()
    cases += escaper_cases()
    cases += random_cases(4000, seed=20261204)
    cases += random_string_cases(1000, seed=20261205)
    cases += random_float_cases(1000, seed=20261206)
    cases += random_type_pointer_cases(600, seed=20261207)
    return cases


if __name__ == "__main__":
    json.dump(all_cases(), sys.stdout, ensure_ascii=True, indent=None)
    sys.stdout.write("\n")
