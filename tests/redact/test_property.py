"""Property: chunked redaction hides every secret and changes nothing else."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redact_helpers import redact_by_search, redact_in_chunks

from distr_secrets.derived import DEFAULT_MIN_LENGTH, patterns_for_values
from distr_secrets.redact import Redactor

# A small alphabet makes secrets overlap, nest and touch often. Secrets hold no
# `*`, so a secret can never appear in the output by joining a mask, and no line
# break, because a line shorter than the minimum is deliberately not masked.
SECRET_ALPHABET = b"abAB01+/=%\\\"' \xc3\xa9\xff"
TEXT_ALPHABET = SECRET_ALPHABET + b"\n\r\x00\x1b*xyz"

secrets_strategy = st.lists(
    st.binary(min_size=1, max_size=14).map(
        lambda data: bytes(
            SECRET_ALPHABET[byte % len(SECRET_ALPHABET)] for byte in data
        )
    ),
    min_size=1,
    max_size=5,
)
text_strategy = st.lists(
    st.binary(max_size=30).map(
        lambda data: bytes(TEXT_ALPHABET[byte % len(TEXT_ALPHABET)] for byte in data)
    ),
    min_size=1,
    max_size=8,
)


@st.composite
def logs_with_secrets(draw: st.DrawFn) -> tuple[list[bytes], bytes, list[bytes]]:
    """Draw secrets, a log with secrets inserted anywhere, and a cut into reads."""
    secrets = draw(secrets_strategy)
    texts = draw(text_strategy)
    pieces = []
    for text in texts:
        pieces.append(text)
        pieces.append(draw(st.sampled_from(secrets)))
    data = b"".join(pieces)

    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=12)))
    bounds = [0, *cuts, len(data)]
    chunks = [data[start:end] for start, end in itertools.pairwise(bounds)]
    return secrets, data, chunks


# The fixtures only select the engine and how patterns are compiled, which stay
# the same for every example.
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(logs_with_secrets())
def test_chunked_redaction_hides_secrets(
    engine: str, prefix_roots: bool, case: tuple[list[bytes], bytes, list[bytes]]
) -> None:
    secrets, data, chunks = case
    values = [secret.decode("utf-8", "surrogateescape") for secret in secrets]
    patterns = patterns_for_values(values)

    redactor = Redactor(patterns)
    output = redact_in_chunks(redactor, chunks)

    assert redactor.engine == (engine if patterns else None)
    for secret in secrets:
        if len(secret) >= DEFAULT_MIN_LENGTH:
            assert secret not in output
    # Outside the masked spans the output equals the input byte for byte.
    assert output == redact_by_search(data, patterns)
