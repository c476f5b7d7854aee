"""Time distr-secrets' template render against Go's text/template.

Generates a Helm-style values.yaml template of 10,000 lines that references
1,000 secrets, renders it with `distr_secrets.template.render(strict=True)`
and with a Go program (gorender/) that parses and executes the same input
with missingkey=error. Each side times only its own parse and execute, over
several repetitions. The script checks that both outputs are identical, then
prints the best and median times and their ratio.

Usage: python benchmarks/template/bench_render.py [--go PATH] [--repetitions N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distr_secrets import template

HERE = Path(__file__).resolve().parent
TEMPLATE_LINES = 10_000
SECRET_COUNT = 1_000
SEED = 1


def generate_secrets(rng: random.Random) -> dict[str, str]:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_$"
    secrets = {}
    for number in range(SECRET_COUNT):
        length = rng.randint(12, 48)
        value = "".join(rng.choice(alphabet) for _ in range(length))
        if number % 50 == 0:
            value += " ünï ✓"
        secrets[f"SECRET_{number:04d}"] = value
    return secrets


def service_block(number: int, keys: list[str]) -> list[str]:
    """Return the lines of one service entry that uses four secrets."""
    first, second, third, fourth = keys
    return [
        f"service{number}:",
        f'  image: "registry.example.com/team/app-{number}:1.{number % 17}.0"',
        "  replicas: 3",
        "  env:",
        f'    DB_PASSWORD: {{{{ .Secrets.{first} | printf "%q" }}}}',
        f'    API_TOKEN: "{{{{ .Secrets.{second} }}}}"',
        f"    {{{{- if .Secrets.{third} }}}}",
        f'    FEATURE_KEY: {{{{ .Secrets.{third} | printf "%q" }}}}',
        "    {{- else }}",
        "    FEATURE_KEY: disabled",
        "    {{- end }}",
        f"    URL: https://user:{{{{ urlquery .Secrets.{fourth} }}}}@db.example.com/app",
        "  resources:",
        "    limits: {cpu: 500m, memory: 256Mi}",
        "  # plain text lines make up most of a real values file",
        "  labels:",
        f"    app.kubernetes.io/name: app-{number}",
        "    app.kubernetes.io/part-of: platform",
        "",
    ]


def generate_template(secrets: dict[str, str], line_count: int = TEMPLATE_LINES) -> str:
    """Return a values.yaml template of exactly `line_count` lines."""
    keys = sorted(secrets)
    lines: list[str] = ["# generated benchmark input", "global:", "  region: eu-west-1"]
    number = 0
    while True:
        block_keys = [keys[(number * 4 + offset) % len(keys)] for offset in range(4)]
        block = service_block(number, block_keys)
        if len(lines) + len(block) > line_count:
            break
        lines.extend(block)
        number += 1

    # Pad with comments instead of cutting a block, whose if/end must pair.
    lines.extend("# end of services" for _ in range(line_count - len(lines)))
    return "\n".join(lines) + "\n"


def build_go_program(go: str, directory: Path) -> Path:
    binary = directory / "gorender"
    environment = {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod"}
    subprocess.run(
        [go, "build", "-o", str(binary), "."],
        cwd=HERE / "gorender",
        env={**os.environ, **environment},
        check=True,
    )
    return binary


def time_go(
    binary: Path,
    template_path: Path,
    secrets_path: Path,
    repetitions: int,
    output_path: Path,
) -> list[float]:
    completed = subprocess.run(
        [
            str(binary),
            str(template_path),
            str(secrets_path),
            str(repetitions),
            str(output_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)["seconds"]


def time_python(
    source: str, secrets: dict[str, str], repetitions: int
) -> tuple[list[float], str]:
    seconds = []
    output = ""
    for _ in range(repetitions):
        start = time.perf_counter()
        output = template.render(source, secrets, name="values.yaml", strict=True)
        seconds.append(time.perf_counter() - start)
    return seconds, output


def go_version(go: str) -> str:
    completed = subprocess.run(
        [go, "env", "GOVERSION"], capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--go", default="go", help="Go 1.27 binary (default: go)")
    parser.add_argument(
        "--repetitions", type=int, default=10, help="renders per side (default: 10)"
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="also time the Python render at 2,500 to 40,000 lines",
    )
    args = parser.parse_args()

    rng = random.Random(SEED)
    secrets = generate_secrets(rng)
    source = generate_template(secrets)
    referenced = {key for key in secrets if f".Secrets.{key} " in source}

    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        template_path = workdir / "values.yaml"
        secrets_path = workdir / "secrets.json"
        go_output_path = workdir / "go-output.yaml"
        template_path.write_text(source, encoding="utf-8")
        secrets_path.write_text(json.dumps(secrets), encoding="utf-8")

        binary = build_go_program(args.go, workdir)
        go_seconds = time_go(
            binary, template_path, secrets_path, args.repetitions, go_output_path
        )
        go_output = go_output_path.read_text(encoding="utf-8")
        python_seconds, python_output = time_python(source, secrets, args.repetitions)

    if python_output != go_output:
        sys.exit("outputs differ: the Python render does not match Go's")

    print(
        f"input: {source.count(chr(10))} lines, {len(source)} characters, "
        f"{len(referenced)} of {len(secrets)} secrets referenced, "
        f"{len(go_output)} characters of output (identical on both sides)"
    )
    print(
        f"python {platform.python_version()}, {go_version(args.go)}, "
        f"{args.repetitions} repetitions each"
    )
    print(f"{'':8}{'best':>12}{'median':>12}")
    rows = {"go": go_seconds, "python": python_seconds}
    for label, seconds in rows.items():
        print(
            f"{label:8}{min(seconds) * 1000:10.1f}ms"
            f"{statistics.median(seconds) * 1000:10.1f}ms"
        )
    best_ratio = min(python_seconds) / min(go_seconds)
    median_ratio = statistics.median(python_seconds) / statistics.median(go_seconds)
    print(f"ratio python/go: best {best_ratio:.1f}x, median {median_ratio:.1f}x")

    if args.scaling:
        print_scaling(secrets, args.repetitions)


def print_scaling(secrets: dict[str, str], repetitions: int) -> None:
    """Print the Python render time per 1,000 lines for growing templates.

    A render that is linear in template size keeps this figure flat.
    """
    print(f"{'lines':>8}{'best':>12}{'per 1,000 lines':>18}")
    for line_count in (2_500, 5_000, 10_000, 20_000, 40_000):
        source = generate_template(secrets, line_count)
        seconds, _ = time_python(source, secrets, repetitions)
        best = min(seconds)
        per_thousand = best / line_count * 1000
        print(f"{line_count:8}{best * 1000:10.1f}ms{per_thousand * 1000:16.2f}ms")


if __name__ == "__main__":
    main()
