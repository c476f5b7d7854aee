"""Run the library tests once per matching engine and way of compiling patterns."""

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


@pytest.fixture(params=[False, True], ids=["all patterns", "prefix roots"])
def prefix_roots(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[bool]:
    """Compile every pattern, or only the roots of prefix chains as for large sets."""
    if request.param:
        monkeypatch.setattr(redact_module, "SPLIT_PREFIXES_ABOVE", 0)
    yield request.param
