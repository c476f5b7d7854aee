"""Random conformance cases built from a small template grammar.

The generator is seeded, so the same seed and count always give the same
cases. About a third of the cases are mutated after generation (a character
dropped, duplicated or replaced, a delimiter cut) so that parse and execution
errors are well represented next to templates that render.
"""

from __future__ import annotations

import random

# Secrets visible to every random case. MISSING_KEYS are referenced but never
# set, so strict mode fails on them.
RANDOM_SECRETS: dict[str, str] = {
    "A": "alpha",
    "B": "",
    "C": "multi\nline",
    "D": "ünï ✓",
    "E": "{{ .Secrets.A }}",
    "F": "42",
    "G": '$VAR "q"',
}
PRESENT_KEYS = sorted(RANDOM_SECRETS)
MISSING_KEYS = ["NOPE", "MISSING"]

TEMPLATE_NAMES = ["t", "deploy.env", "values.yaml"]

FUNCTIONS = [
    "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index",
    "slice", "print", "printf", "println", "html", "js", "urlquery", "call",
]  # fmt: skip

STRING_LITERALS = [
    '""', '"a"', '"b"', '"ünï"', r'"\n"', r'"\x41"', r'"\u00e9"', "`raw`",
    "`multi\nline`", '"%s"', '"%d"', '"%q|%v"', '"%5.2f"', '"{{"', '"A"',
]  # fmt: skip

NUMBER_LITERALS = [
    "0", "1", "2", "3", "-1", "0x1F", "0o7", "0b11", "1_000", "1.5", "-0.5",
    "1e3", "0x1p-2", "2i", "'a'", "'\\n'", "9223372036854775807",
]  # fmt: skip

OTHER_LITERALS = ["true", "false", "nil"]

TEXT_PIECES = [
    "", "x", " ", "\n", "  ", "key: ", "A=", "\t", "ü", "\r\n", "}", "{", "-",
    "text ", "\n\n",
]  # fmt: skip

# Characters inserted by mutations: delimiters, quotes, operators and bytes
# that the lexer rejects.
MUTATION_CHARACTERS = [
    "{", "}", "(", ")", "|", '"', "'", "`", "$", ".", ":", "=", "-", " ", "\n",
    "\x00", "#", ",", "/*", "*/", "{{", "}}", "\udcff", "é",
]  # fmt: skip


class TemplateGenerator:
    """Generate random templates; `variables` contains the names in scope."""

    def __init__(self, rng: random.Random, missing_key_rate: float = 0.15) -> None:
        self.rng = rng
        self.missing_key_rate = missing_key_rate
        self.variables: list[str] = []
        self.defined: list[str] = []
        self.range_depth = 0

    def choose(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def key(self) -> str:
        if self.rng.random() < self.missing_key_rate:
            return self.choose(MISSING_KEYS)
        return self.choose(PRESENT_KEYS)

    def space(self) -> str:
        return self.choose([" ", " ", " ", "", "  ", "\n"])

    def field(self) -> str:
        root = self.choose([".Secrets.", "$.Secrets.", ".Secrets.", ".Secrets."])
        return root + self.key()

    def operand(self, depth: int) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return self.field()
        if roll < 0.45 and self.variables:
            return self.choose(self.variables)
        if roll < 0.55:
            return self.choose(STRING_LITERALS)
        if roll < 0.70:
            return self.choose(NUMBER_LITERALS)
        if roll < 0.75:
            return self.choose(OTHER_LITERALS)
        if roll < 0.80:
            return self.choose([".", "$", ".Secrets", "$.Secrets"])
        if roll < 0.88 and depth < 3:
            return "(" + self.pipeline(depth + 1) + ")"
        return self.field()

    def command(self, depth: int) -> str:
        if self.rng.random() < 0.45:
            return self.operand(depth)
        function = self.choose(FUNCTIONS)
        arity = self.rng.choice([0, 1, 1, 2, 2, 2, 3])
        if function == "printf" and arity > 0:
            args = [self.choose(STRING_LITERALS)]
            args += [self.operand(depth) for _ in range(arity - 1)]
        elif function == "index" and arity > 0:
            args = [self.choose([".Secrets", '"abc"', self.field()])]
            args += [self.choose(['"A"', '"NOPE"', "0", "1", "5", '"C"'])]
        else:
            args = [self.operand(depth) for _ in range(arity)]
        return " ".join([function, *args])

    def pipeline(self, depth: int) -> str:
        stages = [self.command(depth)]
        while self.rng.random() < 0.2:
            stages.append(self.choose(["print", "len", "html", "js", "urlquery"]))
            stages[-1] = stages[-1] + self.choose(["", ' "x"', " 1"])
        return (self.space() + "|" + self.space()).join(stages)

    def declaration(self) -> str:
        if self.variables and self.rng.random() < 0.3:
            return self.choose(self.variables) + " = "
        name = "$" + self.choose(["x", "y", "v", "k"])
        self.variables.append(name)
        return name + " := "

    def action(self, body: str) -> str:
        left = self.choose(["{{", "{{", "{{- ", "{{"])
        right = self.choose(["}}", "}}", " -}}", "}}"])
        return left + self.space() + body + self.space() + right

    def print_action(self) -> str:
        body = self.pipeline(0)
        if self.rng.random() < 0.15:
            body = self.declaration() + body
        return self.action(body)

    def block(self, depth: int) -> str:
        outer_variables = list(self.variables)
        keyword = self.choose(["if", "if", "with", "range"])
        if keyword == "range":
            condition = self.choose(
                [".Secrets", "3", "0", "2", self.field(), "$.Secrets", '"ab"']
            )
            if self.rng.random() < 0.4:
                condition = self.choose(["$k, $v := ", "$i := "]) + condition
                self.variables += ["$k", "$v"] if "$k" in condition else ["$i"]
            self.range_depth += 1
        else:
            condition = self.pipeline(1)
        parts = [self.action(keyword + " " + condition), self.body(depth + 1)]
        if keyword == "range":
            self.range_depth -= 1
        while keyword != "range" and self.rng.random() < 0.25:
            parts.append(self.action("else " + keyword + " " + self.pipeline(1)))
            parts.append(self.body(depth + 1))
        if self.rng.random() < 0.35:
            parts.append(self.action("else"))
            parts.append(self.body(depth + 1))
        parts.append(self.action("end"))
        self.variables = outer_variables
        return "".join(parts)

    def item(self, depth: int) -> str:
        roll = self.rng.random()
        if roll < 0.30:
            return self.choose(TEXT_PIECES)
        if roll < 0.65 or depth >= 3:
            return self.print_action()
        if roll < 0.85:
            return self.block(depth)
        if roll < 0.90:
            return self.choose(["{{/* c */}}", "{{- /* c */ -}}", "{{/* \n */}}"])
        if roll < 0.95 and self.range_depth > 0:
            return self.action(self.choose(["break", "continue"]))
        if self.defined:
            argument = self.choose(["", " .", " .Secrets", " " + self.field()])
            return self.action(
                'template "' + self.choose(self.defined) + '"' + argument
            )
        return self.print_action()

    def body(self, depth: int) -> str:
        count = self.rng.randint(0, 3)
        return "".join(self.item(depth) for _ in range(count))

    def template(self) -> str:
        parts = []
        if self.rng.random() < 0.15:
            name = self.choose(["a", "b", "sub"])
            parts.append('{{ define "' + name + '" }}' + self.body(2) + "{{ end }}")
            self.variables = []
            self.defined.append(name)
        parts.append(self.body(0))
        parts.append(self.body(0))
        return "".join(parts)


def mutate(source: str, rng: random.Random) -> str:
    """Apply one small random edit, to move a template near the edge of validity."""
    if not source:
        return rng.choice(MUTATION_CHARACTERS)
    position = rng.randrange(len(source) + 1)
    operation = rng.choice(["delete", "insert", "replace", "truncate", "duplicate"])
    if operation == "delete":
        return source[:position] + source[position + 1 :]
    if operation == "insert":
        return source[:position] + rng.choice(MUTATION_CHARACTERS) + source[position:]
    if operation == "replace":
        replacement = rng.choice(MUTATION_CHARACTERS)
        return source[:position] + replacement + source[position + 1 :]
    if operation == "truncate":
        return source[:position]
    return source[:position] + source[position : position + 5] + source[position:]


def build_random_cases(
    seed: int = 20261204,
    count: int = 900,
    prefix: str = "random",
    missing_key_rate: float = 0.15,
    mutation_rate: float = 0.33,
) -> list[dict]:
    """Return `count` random cases; the same arguments always give the same list."""
    rng = random.Random(seed)
    cases = []
    for number in range(1, count + 1):
        source = TemplateGenerator(rng, missing_key_rate).template()
        if rng.random() < mutation_rate:
            source = mutate(source, rng)
        cases.append(
            {
                "id": f"{prefix}-{number:04d}",
                "name": rng.choice(TEMPLATE_NAMES),
                "template": source,
                "secrets": RANDOM_SECRETS,
            }
        )
    return cases


PRINTF_ARGUMENTS = [
    "0", "7", "-42", "255", "9223372036854775807", "1.5", "-0.25", "1e21",
    "1e-7", "0x1p-2", "2i", "1+2i", "'a'", "'日'", '""', '"abc"', '"日本語"',
    r'"a\tb\n"', r'"\xff"', '"%d"', "true", "false", "nil", ".Secrets.A",
    ".Secrets.B", ".Secrets.C", ".Secrets.D", ".Secrets", '(index "é" 0)',
    '(index . "Nope")', '(len "abc")', '(slice "abc" 1)',
]  # fmt: skip
# No %p: on a map it prints an address, which changes from run to run.
PRINTF_VERBS = list("sdvqxXftcUboeEgGT%z!") + ["", "w"]


def random_directive(rng: random.Random) -> str:
    """Return one random fmt directive such as "%-08.3[2]x"."""
    flags = "".join(rng.sample("-+# 0", rng.randint(0, 2)))
    width = rng.choice(["", "", "5", "12", "*", "0"])
    precision = rng.choice(["", "", ".2", ".0", ".*", ".", ".10"])
    argument_index = rng.choice(["", "", "", "", "[1]", "[2]", "[3]", "[9]"])
    return "%" + flags + width + precision + argument_index + rng.choice(PRINTF_VERBS)


def build_random_printf_cases(seed: int = 7, count: int = 400) -> list[dict]:
    """Return random `printf` calls; fmt's many verb and flag paths need volume."""
    rng = random.Random(seed)
    cases = []
    for number in range(1, count + 1):
        pieces = [random_directive(rng) for _ in range(rng.randint(1, 3))]
        fmt = rng.choice(["", "<", " | "]).join(pieces)
        arguments = [rng.choice(PRINTF_ARGUMENTS) for _ in range(rng.randint(0, 4))]
        quoted = '"' + fmt.replace("\\", "\\\\").replace('"', '\\"') + '"'
        cases.append(
            {
                "id": f"random-printf-{number:04d}",
                "name": "t",
                "template": "{{ printf " + " ".join([quoted, *arguments]) + " }}",
                "secrets": RANDOM_SECRETS,
            }
        )
    return cases


# Lexer-level pieces: a random sequence of these is mostly invalid, which
# exercises the parse error messages and their line numbers.
TOKEN_PIECES = [
    "{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", " ", "\n", "(", ")", "|", ":=",
    "=", "$x", "$", ".", ".Secrets", ".A", ".Secrets.A", '"s"', "`r`", "'c'",
    "1", "-1", "1.5", "0x", "if", "else", "end", "range", "with", "define",
    "template", "block", "break", "continue", "nil", "true", "print", "len",
    "and", ",", "\x00", "é", "#", '"', "`", "'",
]  # fmt: skip


def build_random_token_cases(seed: int = 11, count: int = 300) -> list[dict]:
    """Return templates made of random token sequences, mostly invalid ones."""
    rng = random.Random(seed)
    cases = []
    for number in range(1, count + 1):
        pieces = []
        for _ in range(rng.randint(1, 14)):
            pieces.append(rng.choice(TOKEN_PIECES))
            pieces.append(rng.choice([" ", " ", ""]))
        if rng.random() < 0.7:
            pieces = ["{{ ", *pieces, "}}"]
        cases.append(
            {
                "id": f"random-tokens-{number:04d}",
                "name": rng.choice(TEMPLATE_NAMES),
                "template": "".join(pieces),
                "secrets": RANDOM_SECRETS,
            }
        )
    return cases
