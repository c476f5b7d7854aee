"""Write the conformance case list (hand-written plus random) as JSON to stdout.

Run from the `tests` directory as `python -m conformance.build_cases`; the
`regenerate` script pipes the output into the Go reference program.
"""

from __future__ import annotations

import json
import sys

from .golden import encode_case
from .handwritten import build_cases
from .random_cases import (
    build_random_cases,
    build_random_printf_cases,
    build_random_token_cases,
)


def build_all_cases() -> list[dict]:
    return (
        build_cases()
        + build_random_cases()
        # Without missing keys or mutations more of these render, which gives
        # the output comparison and the lenient check more to work on.
        + build_random_cases(
            seed=3,
            count=400,
            prefix="random-unmutated",
            missing_key_rate=0.0,
            mutation_rate=0.0,
        )
        + build_random_printf_cases()
        + build_random_token_cases()
    )


def main() -> None:
    cases = build_all_cases()
    ids = [case["id"] for case in cases]
    duplicates = sorted({case_id for case_id in ids if ids.count(case_id) > 1})
    if duplicates:
        sys.exit(f"duplicate case ids: {', '.join(duplicates)}")
    json.dump([encode_case(case) for case in cases], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
