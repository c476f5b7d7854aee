"""Time `set`, `list` and `render` on vaults of 10 and 10,000 secrets, and cold start.

Each figure is the median wall-clock time of several runs of the installed
`distr-secrets` console script, started as a subprocess the way a user or a
CI job starts it. Run with the Python of the environment that has the package:

    python benchmarks/cli/bench_cli.py [--runs 7]

The vaults live in a temporary `DISTR_SECRETS_HOME` that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CONSOLE_SCRIPT = Path(sys.executable).parent / "distr-secrets"
VAULT_SIZES = (10, 10_000)


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU (user + system) seconds of several runs."""

    wall: float
    cpu: float

    def cell(self) -> str:
        return f"{self.wall * 1000:.0f} ms ({self.cpu * 1000:.0f} ms CPU)"


def time_command(
    argv: list[str], runs: int, env: dict[str, str], stdin: bytes | None = None
) -> Timing:
    """Time `runs` runs of `argv`; fail if one exits non-zero.

    CPU time comes from `getrusage(RUSAGE_CHILDREN)` and, unlike wall time,
    hardly changes when other jobs share the machine.
    """
    walls = []
    cpus = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            argv,
            input=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            check=True,
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(walls), statistics.median(cpus))


def fill_vault(size: int, work: Path, env: dict[str, str]) -> None:
    """Create the vault with `size` secrets through one `import`."""
    dotenv = work / f"fill-{size}.env"
    lines = [
        f"KEY_{index:05d}=value-{index:05d}-{os.urandom(8).hex()}"
        for index in range(size)
    ]
    dotenv.write_text("\n".join(lines) + "\n")
    subprocess.run(
        [str(CONSOLE_SCRIPT), "-q", "import", str(dotenv)], env=env, check=True
    )


def bench_vault(size: int, runs: int, work: Path) -> dict[str, Timing]:
    home = work / f"home-{size}"
    env = {**os.environ, "DISTR_SECRETS_HOME": str(home)}
    fill_vault(size, work, env)
    template = work / "deploy.env"
    template.write_text(
        "".join(
            f"KEY_{index:05d}={{{{ .Secrets.KEY_{index:05d} }}}}\n"
            for index in range(10)
        )
    )

    script = str(CONSOLE_SCRIPT)
    return {
        "set (update)": time_command(
            [script, "-q", "set", "KEY_00001"], runs, env, stdin=b"new-value"
        ),
        "list --json": time_command([script, "list", "--json"], runs, env),
        "render (10 keys)": time_command([script, "render", str(template)], runs, env),
    }


def bench_start(runs: int) -> dict[str, Timing]:
    env = dict(os.environ)
    script = str(CONSOLE_SCRIPT)
    return {
        "python -c pass": time_command([sys.executable, "-c", "pass"], runs, env),
        "distr-secrets --version": time_command([script, "--version"], runs, env),
        "distr-secrets --quiet --version": time_command(
            [script, "--quiet", "--version"], runs, env
        ),
    }


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()

    print(f"machine: {describe_machine()}, load average {os.getloadavg()[0]:.1f}")
    print(f"runs per figure: {args.runs} (median)\n")
    print("| command | 10 secrets | 10,000 secrets |")
    print("|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        results = {
            size: bench_vault(size, args.runs, Path(directory)) for size in VAULT_SIZES
        }
    for name in results[VAULT_SIZES[0]]:
        cells = [results[size][name].cell() for size in VAULT_SIZES]
        print(f"| `{name}` | {' | '.join(cells)} |")

    start = bench_start(max(args.runs, 15))
    bare = start["python -c pass"]
    print(
        "\n| start-up | median | vs `python -c pass`, wall | vs `python -c pass`, CPU |"
    )
    print("|---|---|---|---|")
    for name, timing in start.items():
        print(
            f"| `{name}` | {timing.wall * 1000:.1f} ms ({timing.cpu * 1000:.1f} ms CPU) "
            f"| {timing.wall / bare.wall:.2f}x | {timing.cpu / bare.cpu:.2f}x |"
        )


if __name__ == "__main__":
    main()
