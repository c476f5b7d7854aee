"""Run the library tests once per matching engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import distr_secrets.redact as redact_module


@pytest.fixture(params=["hyperscan", "aho-corasick"])
def engine(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Make the redactor's default engine the one named by the parameter.

    Without the hyperscan package the hyperscan run is skipped.
    """
    if request.param == "hyperscan" and redact_module.hyperscan is None:
        pytest.skip("the hyperscan package is not installed")
    if request.param == "aho-corasick":
        monkeypatch.setattr(redact_module, "hyperscan", None)
    yield request.param
