"""Read and write the conformance case files.

Text that is valid UTF-8 is stored as a JSON string. Anything else (a template
or value holding bytes that are not UTF-8) is stored as {"base64": "..."} and
comes back as a `str` with lone surrogates, the same `surrogateescape` form the
command line uses for file contents.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

GOLDEN_PATH = Path(__file__).parent / "data" / "golden.json"


def encode_text(text: str) -> str | dict[str, str]:
    raw = text.encode("utf-8", "surrogateescape")
    if raw.decode("utf-8", "surrogateescape") != text:
        # Surrogates such as "\udcc3\udca9" encode to valid UTF-8 ("é"), so
        # they would come back as different text and no file decodes to them.
        raise ValueError(f"text does not survive a byte round trip: {text!r}")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(raw).decode("ascii")}
    return text


def decode_text(value: str | dict[str, str]) -> str:
    if isinstance(value, str):
        return value
    raw = base64.b64decode(value["base64"], validate=True)
    return raw.decode("utf-8", "surrogateescape")


def encode_case(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": case["id"],
        "name": case["name"],
        "template": encode_text(case["template"]),
        "secrets": {key: encode_text(value) for key, value in case["secrets"].items()},
    }


def load_golden(path: Path = GOLDEN_PATH) -> list[dict[str, Any]]:
    """Load the golden results with every text field decoded to `str`."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        entry["template"] = decode_text(entry["template"])
        entry["secrets"] = {
            key: decode_text(value) for key, value in entry["secrets"].items()
        }
        for field in ("output", "error"):
            if field in entry:
                entry[field] = decode_text(entry[field])
    return entries
