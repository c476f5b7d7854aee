"""The stack of template variables in scope, with lookups by name in O(1)."""

from __future__ import annotations


class VariableStack:
    """Variables in declaration order; a name refers to its latest declaration.

    Declarations are popped back to a mark when their control structure ends.
    Each name keeps the stack positions of its declarations, so a template
    with many variables stays linear in its size.
    """

    def __init__(self, name: str = "$", value: object = None) -> None:
        self.entries: list[list[object]] = []
        self.positions: dict[str, list[int]] = {}
        self.push(name, value)

    def push(self, name: str, value: object) -> None:
        self.positions.setdefault(name, []).append(len(self.entries))
        self.entries.append([name, value])

    def mark(self) -> int:
        return len(self.entries)

    def pop(self, mark: int) -> None:
        while len(self.entries) > mark:
            name = self.entries.pop()[0]
            self.positions[name].pop()  # type: ignore[index]

    def __contains__(self, name: str) -> bool:
        return bool(self.positions.get(name))

    def find(self, name: str) -> list[object] | None:
        """Return the [name, value] entry of the latest declaration, or None."""
        positions = self.positions.get(name)
        if not positions:
            return None
        return self.entries[positions[-1]]

    def from_top(self, offset: int) -> list[object]:
        """Return the entry `offset` places from the top (1 is the top)."""
        return self.entries[len(self.entries) - offset]
