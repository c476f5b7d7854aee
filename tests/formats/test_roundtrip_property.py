"""Property: for any value, rendering either fails the check or reads back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from distr_secrets.formats.compose_env import resolve_env
from distr_secrets.formats.helm_yaml import go_yaml_v2_kind, parse_yaml
from distr_secrets.rendering import FormatCheckError, render_document

# Characters that matter to YAML or compose, mixed with ordinary text.
ALPHABET = st.sampled_from(
    list("aZ09 \t\n\r#:$'\"\\{}[],&*!|>%@`-?=~.+_/")
    + ["yes", "on", "null", "0x", "1e", "${A}", "$$", " #", ": ", "\u2028", "é", "\x01"]
)
VALUES = st.lists(ALPHABET, min_size=1, max_size=8).map("".join)

YAML_TEMPLATES = [
    "key: {{ .Secrets.K }}\n",
    'key: "{{ .Secrets.K }}"\n',
    "key: '{{ .Secrets.K }}'\n",
    'key: {{ printf "%q" .Secrets.K }}\n',
    "key: |\n  {{ .Secrets.K }}\n",
    "list: [{{ .Secrets.K }}]\n",
    "{{ .Secrets.K }}: key\n",
]
ENV_TEMPLATES = [
    "K={{ .Secrets.K }}\n",
    "K='{{ .Secrets.K }}'\n",
    'K="{{ .Secrets.K }}"\n',
    "export K={{ .Secrets.K }} # note\nNEXT=1\n",
    'K="prefix-{{ .Secrets.K }}-suffix"\n',
]


def yaml_strings(output: str) -> list[object]:
    """Return every scalar as Helm would type it: a string, or a marker if not."""
    strings: list[object] = []
    for scalar in parse_yaml(output).scalars:
        if scalar.style == "" and go_yaml_v2_kind(scalar.value) is not None:
            strings.append(("not a string", scalar.value))
        else:
            strings.append(scalar.value)
    return strings


@pytest.mark.parametrize("source", YAML_TEMPLATES)
@settings(max_examples=150, deadline=None)
@given(value=VALUES)
def test_yaml_value_never_changes_silently(source: str, value: str) -> None:
    try:
        output = render_document(source, {"K": value}, name="v.yaml", format="yaml")
    except FormatCheckError:
        return

    reference = yaml_strings(
        render_document(source, {"K": "qqsafeqq"}, name="v.yaml", format="yaml")
    )
    expected = [
        item.replace("qqsafeqq", value) if isinstance(item, str) else item
        for item in reference
    ]
    assert yaml_strings(output) == expected


@pytest.mark.parametrize("source", ENV_TEMPLATES)
@settings(max_examples=150, deadline=None)
@given(value=VALUES)
def test_env_value_never_changes_silently(source: str, value: str) -> None:
    try:
        output = render_document(source, {"K": value}, name=".env", format="env")
    except FormatCheckError:
        return

    values = resolve_env(output)
    if "prefix-" in source:
        assert values["K"] == f"prefix-{value}-suffix"
    else:
        assert values["K"] == value
