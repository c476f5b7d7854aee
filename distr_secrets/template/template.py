"""Parsed templates: execution with the secrets of one scope, and the keys used."""

from __future__ import annotations

from collections.abc import Mapping

from distr_secrets.template.exec import OutputSpan, State
from distr_secrets.template.parser import parse_trees
from distr_secrets.template.positions import SourcePositions
from distr_secrets.template.references import Reference, find_references
from distr_secrets.template.stack import run_deep
from distr_secrets.template.values import make_data


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
        return find_references(self.trees, self.positions)
