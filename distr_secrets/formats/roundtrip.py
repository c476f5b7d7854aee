"""Check that every substituted secret value reads back intact in its output format.

The check compares two parses of the rendered output. The probe is the output
with each substitution replaced by a placeholder made of letters, which every
format reads literally. It shows the structure the template author wrote and
where each substitution sits. The real output must parse to the same
structure, and each value must equal the probe's value with the placeholders
replaced by what the actions printed. When the real output fails, each
substitution is tried alone, with the others left as placeholders, to find
which ones cause it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

JOINT_REASON = "a different value, made of this and the substitutions next to it"


@dataclass(frozen=True)
class Substitution:
    """A run of rendered output printed by an action from secret values.

    `start` and `end` are offsets in the output. `printed` is the text the
    action printed, before any escaping the format adds. `secrets` are the
    values of the secret keys it derives from, and `keys` their names.
    """

    start: int
    end: int
    printed: str
    secrets: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        """Return the action to show in advice: the secret's, or a generic one."""
        if len(self.keys) == 1:
            return f"{{{{ .Secrets.{self.keys[0]} }}}}"
        return "{{ ... }}"


@dataclass(frozen=True)
class Finding:
    """A substitution the consumer would not read back as printed.

    `index` points into the list of substitutions. `reason` is a noun phrase
    for what the consumer reads instead and `fix` describes how to write
    the template. Neither contains the value.
    """

    index: int
    reason: str
    fix: str


class OutputSyntaxError(ValueError):
    """Rendered output that the consumer rejects even with every secret left out.

    The message comes from parsing the probe, so it contains template text and
    placeholders but no secret value.
    """

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line


ParsedT = TypeVar("ParsedT")
ContextT = TypeVar("ContextT")


class FormatReader(Protocol, Generic[ParsedT, ContextT]):
    """Parsing and comparison rules of one output format."""

    def parse(self, text: str) -> ParsedT:
        """Parse text as the consumer does.

        Raises ValueError with `line` and `problem` attributes for text the
        consumer rejects.
        """
        ...

    def context(self, probe: ParsedT, placeholder: str) -> ContextT:
        """Return where `placeholder` sits in the probe and how it is quoted."""
        ...

    def changed_locations(
        self, real: ParsedT, probe: ParsedT, replacements: dict[str, list[str]]
    ) -> set[Hashable] | None:
        """Return the locations whose values differ from the probe's.

        Each placeholder in the probe stands for any of its replacements. Return
        None when the structure itself differs.
        """
        ...

    def locations(self, context: ContextT) -> Iterable[Hashable]:
        """Return the locations whose values contain the substitution."""
        ...

    def describe(self, context: ContextT, substitution: Substitution) -> str:
        """Return what the consumer reads instead, as a noun phrase."""
        ...

    def fix(self, context: ContextT, substitution: Substitution) -> str:
        """Return how to write the template so the value survives."""
        ...

    def replacements(self, substitution: Substitution) -> list[str]:
        """Return the strings the consumer may read for the substitution."""
        ...


def find_problems(
    text: str,
    substitutions: Sequence[Substitution],
    reader: FormatReader[ParsedT, ContextT],
) -> list[Finding]:
    """Return a finding for each substitution that does not read back intact.

    Raises OutputSyntaxError when the output is invalid apart from the secrets.
    """
    if not substitutions:
        reader_probe(reader, text)
        return []
    checker = _Checker(text, substitutions, reader)
    failing, precise = checker.evaluate(frozenset(range(len(substitutions))))
    if not failing:
        return []

    if precise:
        blamed, joint = checker.attribute(sorted(failing))
    else:
        blamed, joint = checker.isolate(sorted(failing))

    findings = [checker.finding(index) for index in sorted(blamed)]
    # These read back alone but not together, so each of them is reported.
    findings += [
        Finding(index, JOINT_REASON, checker.finding(index).fix) for index in joint
    ]
    return sorted(findings, key=lambda finding: finding.index)


def reader_probe(reader: FormatReader[ParsedT, ContextT], text: str) -> ParsedT:
    """Parse text without secret values; raise OutputSyntaxError if it is invalid."""
    try:
        return reader.parse(text)
    except ValueError as error:
        line = getattr(error, "line", 0)
        problem = getattr(error, "problem", str(error))
        raise OutputSyntaxError(line, problem) from None


class _Checker(Generic[ParsedT, ContextT]):
    def __init__(
        self,
        text: str,
        substitutions: Sequence[Substitution],
        reader: FormatReader[ParsedT, ContextT],
    ) -> None:
        self.text = text
        self.substitutions = substitutions
        self.reader = reader
        self.placeholders = _placeholders(text, len(substitutions))
        self.probe = reader_probe(reader, self.with_placeholders(frozenset()))
        self.contexts = [reader.context(self.probe, p) for p in self.placeholders]
        self.substitutions_at: dict[Hashable, list[int]] = {}
        for index, context in enumerate(self.contexts):
            for location in reader.locations(context):
                self.substitutions_at.setdefault(location, []).append(index)

    def with_placeholders(self, real: frozenset[int]) -> str:
        """Return the output with every substitution not in `real` replaced."""
        parts: list[str] = []
        done = 0
        for index, substitution in enumerate(self.substitutions):
            parts.append(self.text[done : substitution.start])
            if index in real:
                parts.append(self.text[substitution.start : substitution.end])
            else:
                parts.append(self.placeholders[index])
            done = substitution.end
        parts.append(self.text[done:])
        return "".join(parts)

    def failing(self, real: frozenset[int]) -> set[int]:
        """Return which substitutions in `real` do not read back intact."""
        return self.evaluate(real)[0]

    def evaluate(self, real: frozenset[int]) -> tuple[set[int], bool]:
        """Return the failing substitutions in `real` and whether that set is exact.

        The set is exact when the output parses to the probe's structure and
        every changed value contains a failing substitution. Otherwise all of
        `real` is returned.
        """
        try:
            parsed = self.reader.parse(self.with_placeholders(real))
        except ValueError:
            return set(real), False

        replacements = {
            self.placeholders[index]: self.reader.replacements(
                self.substitutions[index]
            )
            for index in real
        }
        changed = self.reader.changed_locations(parsed, self.probe, replacements)
        if changed is None:
            return set(real), False

        failing = {
            index
            for index in real
            if changed.intersection(self.reader.locations(self.contexts[index]))
        }
        explained: set[Hashable] = set()
        for index in failing:
            explained.update(self.reader.locations(self.contexts[index]))
        if changed - explained:
            # A value with no substitution in it changed, so the cause is unknown.
            return set(real), False
        return failing, True

    def attribute(self, failing: list[int]) -> tuple[list[int], list[int]]:
        """Split the exact failing set into those failing alone and jointly.

        With the structure unchanged, a changed value that contains one
        substitution is that substitution's fault. Only substitutions that
        share a value are probed one by one.
        """
        alone = [index for index in failing if self.is_alone(index)]
        shared = [index for index in failing if not self.is_alone(index)]
        shared_alone = [index for index in shared if self.failing(frozenset([index]))]
        joint = [
            index
            for index in shared
            if not self.neighbours(index).intersection(shared_alone)
        ]
        return alone + shared_alone, joint

    def is_alone(self, index: int) -> bool:
        """Return whether no other substitution shares a value with this one."""
        return all(
            len(self.substitutions_at.get(location, ())) == 1
            for location in self.reader.locations(self.contexts[index])
        )

    def neighbours(self, index: int) -> set[int]:
        """Return the substitutions that share a value with this one, itself included."""
        found: set[int] = set()
        for location in self.reader.locations(self.contexts[index]):
            found.update(self.substitutions_at.get(location, ()))
        return found

    def isolate(self, candidates: list[int]) -> tuple[list[int], list[int]]:
        """Split failing candidates into those failing alone and those failing jointly.

        Halves are probed in turn, so a few failures among many substitutions
        cost a few parses each rather than one parse per substitution. The
        candidates must fail together.
        """
        if len(candidates) == 1:
            return candidates, []
        middle = len(candidates) // 2
        alone: list[int] = []
        joint: list[int] = []
        for part in (candidates[:middle], candidates[middle:]):
            if self.failing(frozenset(part)):
                part_alone, part_joint = self.isolate(part)
                alone += part_alone
                joint += part_joint
        if not alone and not joint:
            joint = list(candidates)
        return alone, joint

    def finding(self, index: int) -> Finding:
        context = self.contexts[index]
        substitution = self.substitutions[index]
        return Finding(
            index,
            self.reader.describe(context, substitution),
            self.reader.fix(context, substitution),
        )


def _placeholders(text: str, count: int) -> list[str]:
    """Return `count` distinct placeholders that do not occur in `text`."""
    prefix = "zqdistr"
    while prefix in text:
        prefix += "q"
    return [f"{prefix}{_letters(index)}zq" for index in range(count)]


def _letters(number: int) -> str:
    """Spell `number` in base 26 with lowercase letters, so no digit starts a number."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if number == 0:
            return letters
