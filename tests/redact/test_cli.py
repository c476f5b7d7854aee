"""`redact`, `run` and `mask` as real processes on a vault in a temporary home."""

from __future__ import annotations

import base64
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from redact_helpers import pem_chain

from distr_secrets.cli.redact import github_add_mask
from distr_secrets.derived import MAX_VALUE_LENGTH, secret_patterns

CONSOLE_SCRIPT = str(Path(sys.executable).parent / "distr-secrets")

DB_PASSWORD = "hunter2hunter2"
OLD_TOKEN = "old-token-2025"
TOKEN = "new-token-2026"
PERCENT_VALUE = "100%-sure-value"
CUSTOMER_KEY = "acme-only-secret"
SHORT_WARNING = (
    b"warning: not masking PORT (vendor): a value is shorter than 4 bytes "
    b"(--min-length sets the limit)\n"
)


def environment(home: Path) -> dict[str, str]:
    """Return our environment for `home`, as outside GitHub Actions."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DISTR_SECRETS_") and name != "GITHUB_ACTIONS"
    }
    env["DISTR_SECRETS_HOME"] = str(home)
    return env


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a vault with vendor secrets, an earlier value and a customer."""
    home = tmp_path_factory.mktemp("home")
    steps = [
        (["set", "DB_PASSWORD"], DB_PASSWORD),
        (["set", "TOKEN"], OLD_TOKEN),
        (["set", "TOKEN"], TOKEN),
        (["set", "PERCENT"], PERCENT_VALUE),
        (["set", "PORT"], "80"),
        (["customers", "add", "acme"], None),
        (["set", "ACME_KEY", "--customer", "acme"], CUSTOMER_KEY),
    ]
    for args, value in steps:
        subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", *args],
            input=None if value is None else value.encode(),
            stdin=subprocess.DEVNULL if value is None else None,
            env=environment(home),
            check=True,
            capture_output=True,
        )
    return home


def run_cli(
    home: Path, *args: str, stdin: bytes = b"", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [CONSOLE_SCRIPT, *args],
        input=stdin,
        env={**environment(home), **(extra_env or {})},
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_redact_vendor_scope(home: Path) -> None:
    token_base64 = base64.b64encode(TOKEN.encode())
    stdin = (
        b"db=hunter2hunter2 old=old-token-2025 \xff\x00\n"
        b"auth=" + token_base64 + b" acme=acme-only-secret port=80\n"
        b"partial hunter2"
    )
    result = run_cli(home, "redact", stdin=stdin)
    assert result.stdout == (
        b"db=******** old=******** \xff\x00\n"
        b"auth=******** acme=acme-only-secret port=80\n"
        b"partial hunter2"
    )
    assert result.stderr == SHORT_WARNING
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--customer", "acme"], b"******** hunter2hunter2\n"),
        (["--all-scopes"], b"******** ********\n"),
    ],
)
def test_redact_scopes(home: Path, options: list[str], expected: bytes) -> None:
    result = run_cli(
        home, "redact", *options, stdin=b"acme-only-secret hunter2hunter2\n"
    )
    assert result.stdout == expected
    assert result.returncode == 0


def test_redact_all_scopes_customer_member(home: Path, tmp_path: Path) -> None:
    """A member limited to one customer masks that customer's scope only."""
    member_home = tmp_path / "member"
    recipient = (
        subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", "identity"],
            env=environment(member_home),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    added = run_cli(
        home,
        "--quiet",
        "members",
        "add",
        "ann",
        recipient,
        "--role",
        "read_only",
        "--customer",
        "acme",
    )
    assert added.returncode == 0, added.stderr
    vault_file = home / "data" / "vaults" / "default.vault"

    result = run_cli(
        member_home,
        "--vault",
        str(vault_file),
        "redact",
        "--all-scopes",
        stdin=b"acme-only-secret hunter2hunter2\n",
    )

    assert result.stdout == b"******** hunter2hunter2\n"
    assert result.stderr == b""
    assert result.returncode == 0


def test_redact_customer_and_all_scopes(home: Path) -> None:
    result = run_cli(home, "redact", "--customer", "acme", "--all-scopes")
    assert result.stderr == (
        b"error: --customer and --all-scopes choose the scopes in two ways; use one\n"
    )
    assert result.returncode == 1


def test_redact_min_length_names_keys_once(home: Path) -> None:
    result = run_cli(
        home, "redact", "--min-length", "15", stdin=b"old-token-2025 hunter2hunter2\n"
    )
    assert result.stdout == b"old-token-2025 hunter2hunter2\n"
    assert result.stderr == (
        b"warning: not masking DB_PASSWORD (vendor): a value is shorter than "
        b"15 bytes (--min-length sets the limit)\n"
        b"warning: not masking PORT (vendor): a value is shorter than "
        b"15 bytes (--min-length sets the limit)\n"
        b"warning: not masking TOKEN (vendor): a value is shorter than "
        b"15 bytes (--min-length sets the limit)\n"
    )
    assert result.returncode == 0


def test_redact_head_closes_pipe(home: Path) -> None:
    producer = subprocess.Popen(["yes", "line hunter2hunter2"], stdout=subprocess.PIPE)
    redactor = subprocess.Popen(
        [CONSOLE_SCRIPT, "redact"],
        stdin=producer.stdout,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(home),
    )
    assert producer.stdout is not None
    producer.stdout.close()
    head = subprocess.run(
        ["head", "-1"],
        stdin=redactor.stdout,
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert redactor.stdout is not None
    redactor.stdout.close()

    redactor_status = redactor.wait(timeout=60)
    assert redactor.stderr is not None
    redactor_stderr = redactor.stderr.read()
    redactor.stderr.close()
    producer.wait(timeout=60)

    assert head.stdout == b"line ********\n"
    assert redactor_status == 0
    assert redactor_stderr == SHORT_WARNING


def test_redact_writes_line_before_input_ends(home: Path) -> None:
    process = subprocess.Popen(
        [CONSOLE_SCRIPT, "--quiet", "redact"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment(home),
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"first hunter2hunter2\nsecond hunter2")
    process.stdin.flush()
    first_line = process.stdout.readline()
    process.stdin.write(b"hunter2 end")
    process.stdin.close()
    rest = process.stdout.read()
    process.stdout.close()

    assert first_line == b"first ********\n"
    assert rest == b"second ******** end"
    assert process.wait(timeout=60) == 0


def test_redact_read_error(home: Path, tmp_path: Path) -> None:
    with open(tmp_path / "write-only", "wb") as write_only:
        result = subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", "redact"],
            stdin=write_only,
            capture_output=True,
            env=environment(home),
            timeout=60,
            check=False,
        )
    assert result.stdout == b""
    assert result.stderr == SHORT_WARNING + (
        b"error: failed to read standard input: Bad file descriptor\n"
    )
    assert result.returncode == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_redact_write_error(home: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", "redact"],
            input=b"line hunter2hunter2\n",
            stdout=full,
            stderr=subprocess.PIPE,
            env=environment(home),
            timeout=60,
            check=False,
        )
    assert result.stderr == SHORT_WARNING + (
        b"error: failed to write standard output: No space left on device\n"
    )
    assert result.returncode == 1


GITHUB_ACTIONS_STEP = {"GITHUB_ACTIONS": "true"}


def test_mask_github_actions(home: Path) -> None:
    result = run_cli(home, "mask", "--github-actions", extra_env=GITHUB_ACTIONS_STEP)
    lines = result.stdout.splitlines(keepends=True)
    values = {"DB_PASSWORD": [DB_PASSWORD], "TOKEN": [TOKEN, OLD_TOKEN]}
    values["PERCENT"] = [PERCENT_VALUE]
    expected = sorted(github_add_mask(p) for p in secret_patterns(values).patterns)

    assert lines == expected
    assert b"::add-mask::hunter2hunter2\n" in lines
    assert b"::add-mask::old-token-2025\n" in lines
    assert b"::add-mask::100%25-sure-value\n" in lines
    assert b"::add-mask::100%-sure-value\n" not in lines
    assert result.stderr == SHORT_WARNING
    assert result.returncode == 0


NOT_IN_GITHUB_ACTIONS = (
    b'error: not printing ::add-mask:: commands, because GITHUB_ACTIONS is not "true" '
    b"and each one contains a secret value; run mask in a GitHub Actions step, or "
    b"pass --force\n"
)


@pytest.mark.parametrize(
    "extra_env",
    [{}, {"GITHUB_ACTIONS": "false"}, {"GITHUB_ACTIONS": ""}],
    ids=["unset", "false", "empty"],
)
def test_mask_outside_github_actions(home: Path, extra_env: dict[str, str]) -> None:
    result = run_cli(home, "mask", "--github-actions", extra_env=extra_env)
    assert result.stdout == b""
    assert result.stderr == NOT_IN_GITHUB_ACTIONS
    assert result.returncode == 1


def test_mask_force_outside_github_actions(home: Path) -> None:
    forced = run_cli(home, "mask", "--github-actions", "--force")
    in_step = run_cli(home, "mask", "--github-actions", extra_env=GITHUB_ACTIONS_STEP)
    assert b"::add-mask::hunter2hunter2\n" in forced.stdout
    assert forced.stdout == in_step.stdout
    assert forced.stderr == SHORT_WARNING
    assert forced.returncode == 0


def run_on_terminal(home: Path, *args: str) -> tuple[bytes, int]:
    """Run the CLI in GitHub Actions' environment with a pseudo-terminal as stdout."""
    pid, terminal = pty.fork()
    if pid == 0:
        os.environ.clear()
        os.environ.update(environment(home))
        os.environ.update(GITHUB_ACTIONS_STEP)
        os.execv(CONSOLE_SCRIPT, [CONSOLE_SCRIPT, *args])

    output = read_terminal_until(terminal, b"\0never printed\0")
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return output, os.waitstatus_to_exitcode(status)


def test_mask_on_terminal(home: Path) -> None:
    output, status = run_on_terminal(home, "mask", "--github-actions")
    # The terminal turns each line feed into CR LF.
    assert output == (
        b"error: not printing ::add-mask:: commands to a terminal, because each one "
        b"contains a secret value; run mask in a GitHub Actions step, or pass "
        b"--force\r\n"
    )
    assert status == 1


def test_mask_force_on_terminal(home: Path) -> None:
    output, status = run_on_terminal(home, "mask", "--github-actions", "--force")
    assert b"::add-mask::hunter2hunter2\r\n" in output
    assert status == 0


def test_mask_needs_ci_system(home: Path) -> None:
    result = run_cli(home, "mask")
    assert result.stdout == b""
    assert result.stderr == (
        b"error: Invalid value: choose the CI system, for example --github-actions\n"
        b"Try 'distr-secrets mask --help' for help.\n"
    )
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (b"plain-value", b"::add-mask::plain-value\n"),
        (b"50%off", b"::add-mask::50%25off\n"),
        (b"a\rb\nc", b"::add-mask::a%0Db%0Ac\n"),
    ],
)
def test_github_add_mask_escaping(pattern: bytes, expected: bytes) -> None:
    assert github_add_mask(pattern) == expected


CHILD_PRINTS = (
    'printf "out %s\\n" "$DB_PASSWORD"; '
    'printf "err %s %s\\n" "$TOKEN" "$ACME_KEY" >&2; '
)


@pytest.mark.parametrize(
    ("script", "stdout", "stderr", "status"),
    [
        pytest.param(
            CHILD_PRINTS + "exit 3",
            b"out ********\n",
            b"err ******** \n",
            3,
            id="exit 3",
        ),
        pytest.param(
            CHILD_PRINTS + "kill -TERM $$",
            b"out ********\n",
            b"err ******** \n",
            128 + signal.SIGTERM,
            id="killed by SIGTERM",
        ),
        pytest.param(
            CHILD_PRINTS + "kill -KILL $$",
            b"out ********\n",
            b"err ******** \n",
            128 + signal.SIGKILL,
            id="killed by SIGKILL",
        ),
        pytest.param(
            "printf 'no newline %s' \"$DB_PASSWORD\" >&2",
            b"",
            b"no newline ********",
            0,
            id="stderr without newline",
        ),
    ],
)
def test_run_child(
    home: Path, script: str, stdout: bytes, stderr: bytes, status: int
) -> None:
    result = run_cli(home, "--quiet", "run", "--", "sh", "-c", script)
    assert result.stdout == stdout
    assert result.stderr == SHORT_WARNING + stderr
    assert result.returncode == status


def test_run_status_with_sigchld_ignored(home: Path) -> None:
    """A parent that ignores SIGCHLD must not cost the command's exit status."""
    wrapper = (
        "import os, signal, sys; "
        "signal.signal(signal.SIGCHLD, signal.SIG_IGN); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, CONSOLE_SCRIPT, "--quiet", "run", "--"]
        + ["sh", "-c", CHILD_PRINTS + "exit 4"],
        env=environment(home),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == b"out ********\n"
    assert result.returncode == 4


def test_run_customer_scope(home: Path) -> None:
    result = run_cli(home, "run", "--customer", "acme", "--", "sh", "-c", CHILD_PRINTS)
    assert result.stdout == b"out \n"
    assert result.stderr == b"err  ********\n"
    assert result.returncode == 0


def test_run_forwards_signal(home: Path) -> None:
    script = (
        'trap \'printf "stopping %s\\n" "$DB_PASSWORD"; exit 7\' TERM; '
        'printf "ready %s\\n" "$DB_PASSWORD"; '
        "while :; do sleep 0.05; done"
    )
    process = subprocess.Popen(
        [CONSOLE_SCRIPT, "--quiet", "run", "--", "sh", "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(home),
    )
    assert process.stdout is not None and process.stderr is not None
    ready = process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    rest = process.stdout.read()
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()

    assert ready == b"ready ********\n"
    assert rest == b"stopping ********\n"
    assert stderr == SHORT_WARNING
    assert process.wait(timeout=60) == 7


def test_run_command_not_found(home: Path) -> None:
    result = run_cli(home, "--quiet", "run", "--", "no-such-command-here")
    assert result.stderr == SHORT_WARNING + (
        b"error: failed to start 'no-such-command-here': No such file or "
        b"directory (check the command name and PATH)\n"
    )
    assert result.returncode == 127


@pytest.fixture
def env_template(tmp_path: Path) -> Iterator[Path]:
    pytest.importorskip("distr_secrets.rendering")
    template = tmp_path / "deploy.env"
    template.write_text(
        "DATABASE_URL=postgres://app:{{ .Secrets.DB_PASSWORD }}@db/app\n"
        "LOG_LEVEL=info\n"
    )
    yield template


def test_run_env_file(home: Path, env_template: Path) -> None:
    script = 'echo "$DATABASE_URL $LOG_LEVEL ${TOKEN:-unset}"'
    result = run_cli(
        home,
        "--quiet",
        "run",
        "--env-file",
        str(env_template),
        "--",
        "sh",
        "-c",
        script,
    )
    assert result.stdout == b"postgres://app:********@db/app info unset\n"
    assert result.stderr == SHORT_WARNING
    assert result.returncode == 0


def test_run_survives_terminal_interrupt(home: Path) -> None:
    """Ctrl-C at a terminal reaches the command, and run returns its status.

    NOTE: a second, forwarded SIGINT usually merges with the pending first one,
    so this test cannot reliably catch a duplicate delivery.
    """
    script = (
        "n=0; trap 'n=$((n+1))' INT; echo ready; "
        'while [ "$n" -eq 0 ]; do sleep 0.05; done; sleep 0.5; echo "count $n"'
    )
    pid, terminal = pty.fork()
    if pid == 0:
        os.environ.update(environment(home))
        os.execv(
            CONSOLE_SCRIPT, [CONSOLE_SCRIPT, "--quiet", "run", "--", "sh", "-c", script]
        )

    output = read_terminal_until(terminal, b"ready")
    os.write(terminal, b"\x03")
    output += read_terminal_until(terminal, b"count")
    output += read_terminal_until(terminal, b"\n")
    _, status = os.waitpid(pid, 0)
    os.close(terminal)

    # The terminal echoes the interrupt as ^C before the command's next line.
    assert output.replace(b"^C", b"").splitlines()[-1] == b"count 1"
    assert os.waitstatus_to_exitcode(status) == 0


def read_terminal_until(terminal: int, marker: bytes) -> bytes:
    """Read from a pseudo-terminal until `marker` appears or it closes."""
    data = b""
    while marker not in data:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


ENV_FILE_SECRETS = {
    "DOLLARS": "pa$word$$x${HOME}",
    "QUOTES": 'it\'s "quoted"',
    "MULTILINE": "first-line\nsecond-line",
}

# A compose .env template whose values python-dotenv 1.2.4 reads differently:
# it keeps `$$`, `\$` and `$NAME` as written where compose interpolates them.
ENV_FILE_TEMPLATE = (
    "DOLLARS='{{ .Secrets.DOLLARS }}'\n"
    "QUOTES={{ .Secrets.QUOTES }}\n"
    'MULTILINE="{{ .Secrets.MULTILINE }}"\n'
    "PRICE=cost $$5\n"
    'ESCAPED="\\$HOME stays"\n'
    "FROM_ENV=$RUN_TEST_DIR/data\n"
    "EARLIER=${PRICE} each\n"
    "DEFAULTED=${RUN_TEST_UNSET:-fallback}\n"
)

ENV_FILE_EXPECTED = {
    **ENV_FILE_SECRETS,
    "PRICE": "cost $5",
    "ESCAPED": "$HOME stays",
    "FROM_ENV": "/srv/app/data",
    "EARLIER": "cost $5 each",
    "DEFAULTED": "fallback",
}

# The child writes the variables to a file, which the redactor does not touch,
# and prints the secrets, which it must mask.
DUMP_ENVIRONMENT = (
    "import json, os, sys\n"
    "names = sys.argv[2].split(',')\n"
    "with open(sys.argv[1], 'w') as file:\n"
    "    json.dump({name: os.environ.get(name) for name in names}, file)\n"
    "for name in ('DOLLARS', 'QUOTES', 'MULTILINE'):\n"
    "    print(os.environ[name])\n"
)


@pytest.fixture(scope="module")
def env_file_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a vault whose values contain `$`, `$$`, quotes and a line break."""
    pytest.importorskip("distr_secrets.rendering")
    home = tmp_path_factory.mktemp("env-file-home")
    for key, value in ENV_FILE_SECRETS.items():
        subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", "set", key],
            input=value.encode(),
            env=environment(home),
            check=True,
            capture_output=True,
        )
    return home


def test_run_env_file_compose_rules(env_file_home: Path, tmp_path: Path) -> None:
    template = tmp_path / "deploy.env"
    template.write_text(ENV_FILE_TEMPLATE)
    dump = tmp_path / "environment.json"
    env = environment(env_file_home)
    env["RUN_TEST_DIR"] = "/srv/app"
    env.pop("RUN_TEST_UNSET", None)

    result = subprocess.run(
        [CONSOLE_SCRIPT, "--quiet", "run", "--env-file", str(template), "--"]
        + [
            sys.executable,
            "-c",
            DUMP_ENVIRONMENT,
            str(dump),
            ",".join(ENV_FILE_EXPECTED),
        ],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert result.stderr == b""
    assert result.returncode == 0
    assert json.loads(dump.read_text()) == ENV_FILE_EXPECTED
    assert result.stdout == b"********\n********\n********\n********\n"


def test_run_env_file_invalid_interpolation(
    env_file_home: Path, tmp_path: Path
) -> None:
    template = tmp_path / "deploy.env"
    template.write_text("REQUIRED=${RUN_TEST_UNSET:?set it first}\n")
    env = environment(env_file_home)
    env.pop("RUN_TEST_UNSET", None)

    result = subprocess.run(
        [CONSOLE_SCRIPT, "run", "--env-file", str(template), "--", "true"],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert (
        result.stderr
        == (
            f"error: invalid .env output rendered from {template}: line 1: "
            "required variable RUN_TEST_UNSET is missing a value\n"
        ).encode()
    )
    assert result.returncode == 1


# Four certificates (12,144 bytes) and a one-line keystore (16,000 bytes): both
# have derived forms longer than one Hyperscan literal may be.
CHAIN = pem_chain(4)
KEYSTORE = base64.b64encode(bytes(range(256)) * 47).decode()[:16_000]
# Longer than the maximum that is masked, and than Linux's 128 KiB limit on
# one environment variable.
HUGE = "h" * 200_000


@pytest.fixture(scope="module")
def large_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a vault with a certificate chain and a long one-line value."""
    home = tmp_path_factory.mktemp("large-home")
    for key, value in {"CHAIN": CHAIN, "KEYSTORE": KEYSTORE}.items():
        value_file = home / f"{key}.txt"
        value_file.write_text(value)
        subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", "set", key, "--from-file", str(value_file)],
            env=environment(home),
            stdin=subprocess.DEVNULL,
            check=True,
            capture_output=True,
        )
    return home


@pytest.fixture
def huge_home(large_home: Path, tmp_path: Path) -> Path:
    """Copy the large home and add a value longer than the maximum."""
    home = tmp_path / "huge-home"
    shutil.copytree(large_home, home)
    subprocess.run(
        [CONSOLE_SCRIPT, "--quiet", "set", "HUGE"],
        input=HUGE.encode(),
        env=environment(home),
        check=True,
        capture_output=True,
    )
    return home


LARGE_INPUT = (
    CHAIN.encode()
    + b"keystore="
    + KEYSTORE.encode()
    + b"\n"
    + b'json={"chain": '
    + json.dumps(CHAIN).encode()
    + b"}\n"
)
LARGE_EXPECTED = (
    b"********\n" * 192 + b"keystore=********\n" + b'json={"chain": "********"}\n'
)


def test_redact_large_values(large_home: Path) -> None:
    result = run_cli(large_home, "redact", stdin=LARGE_INPUT)
    assert result.stdout == LARGE_EXPECTED
    assert result.stderr == b""
    assert result.returncode == 0


def test_run_large_values(large_home: Path) -> None:
    script = 'printf "%s" "$CHAIN"; printf "key %s\\n" "$KEYSTORE" >&2'
    result = run_cli(large_home, "run", "--", "sh", "-c", script)
    assert result.stdout == b"********\n" * 192
    assert result.stderr == b"key ********\n"
    assert result.returncode == 0


HUGE_WARNING = (
    f"warning: not masking HUGE (vendor): a value is longer than "
    f"{MAX_VALUE_LENGTH} bytes, the maximum that is masked\n"
).encode()


def test_redact_value_over_maximum(huge_home: Path) -> None:
    stdin = LARGE_INPUT + b"huge=" + HUGE.encode()[:100] + b"\n"
    result = run_cli(huge_home, "redact", stdin=stdin)
    assert result.stdout == LARGE_EXPECTED + b"huge=" + b"h" * 100 + b"\n"
    assert result.stderr == HUGE_WARNING
    assert result.returncode == 0


def test_run_value_over_environment_limit(huge_home: Path) -> None:
    result = run_cli(huge_home, "run", "--", "true")
    assert result.stdout == b""
    assert result.stderr == HUGE_WARNING + (
        b"error: failed to start 'true': Argument list too long; its longest "
        b"environment variable, HUGE, has 200000 bytes and comes from the "
        b"secret HUGE (vendor)\n"
    )
    assert result.returncode == 126


@pytest.fixture(scope="module")
def path_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a vault with a secret named PATH, which replaces the inherited one."""
    home = tmp_path_factory.mktemp("path-home")
    subprocess.run(
        [CONSOLE_SCRIPT, "--quiet", "set", "PATH"],
        input=b"/nonexistent/bin",
        env=environment(home),
        check=True,
        capture_output=True,
    )
    return home


def test_run_secret_path_named_in_error(path_home: Path) -> None:
    result = run_cli(path_home, "run", "--", "sh", "-c", "echo started")
    assert result.stdout == b""
    assert result.stderr == (
        b"error: failed to start 'sh': No such file or directory in the PATH from "
        b"the secret PATH (vendor), which replaces the inherited PATH; give the "
        b"command's full path, or rename or remove that variable\n"
    )
    assert result.returncode == 127


def test_run_secret_path_replaces_inherited(path_home: Path) -> None:
    shell = shutil.which("sh")
    assert shell is not None
    result = run_cli(path_home, "run", "--", shell, "-c", 'echo "path=$PATH"')
    assert result.stdout == b"path=********\n"
    assert result.stderr == b""
    assert result.returncode == 0


def test_run_env_file_path_named_in_error(path_home: Path, tmp_path: Path) -> None:
    pytest.importorskip("distr_secrets.rendering")
    template = tmp_path / "deploy.env"
    template.write_text("PATH={{ .Secrets.PATH }}\n")
    result = run_cli(
        path_home, "run", "--env-file", str(template), "--", "sh", "-c", "echo started"
    )
    assert result.stdout == b""
    assert (
        result.stderr
        == (
            f"error: failed to start 'sh': No such file or directory in the PATH from "
            f"the file {template}, which replaces the inherited PATH; give the "
            f"command's full path, or rename or remove that variable\n"
        ).encode()
    )
    assert result.returncode == 127


def test_run_env_file_missing(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.env"
    result = run_cli(home, "run", "--env-file", str(missing), "--", "true")
    assert result.stdout == b""
    assert (
        result.stderr
        == (f"error: failed to read {missing}: no such file or directory\n").encode()
    )
    assert result.returncode == 1


NUL_VALUE = "nul-sentinel\0value"


@pytest.fixture(scope="module")
def nul_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a vault with a NUL byte in a vendor and in a customer value."""
    home = tmp_path_factory.mktemp("nul-home")
    steps = [
        ["set", "NUL_KEY"],
        ["customers", "add", "acme"],
        ["set", "NUL_KEY", "--customer", "acme"],
    ]
    for args in steps:
        subprocess.run(
            [CONSOLE_SCRIPT, "--quiet", *args],
            input=NUL_VALUE.encode(),
            env=environment(home),
            check=True,
            capture_output=True,
        )
    return home


@pytest.mark.parametrize(
    ("options", "scope"), [([], "vendor"), (["--customer", "acme"], "acme")]
)
def test_run_rejects_nul_byte(
    nul_home: Path, tmp_path: Path, options: list[str], scope: str
) -> None:
    marker = tmp_path / "started"
    result = run_cli(nul_home, "run", *options, "--", "touch", str(marker))

    assert (
        result.stderr
        == (
            f"error: not starting the command: the secret NUL_KEY ({scope}) contains "
            "a NUL byte, which environment variables cannot contain; store the value "
            "without NUL bytes, for example base64-encoded\n"
        ).encode()
    )
    assert result.returncode == 1
    assert result.stdout == b""
    assert not marker.exists()


def test_run_env_file_rejects_nul_secret(nul_home: Path, tmp_path: Path) -> None:
    template = tmp_path / "deploy.env"
    template.write_text("VALUE='{{ .Secrets.NUL_KEY }}'\n")
    marker = tmp_path / "started"

    result = run_cli(
        nul_home, "run", "--env-file", str(template), "--", "touch", str(marker)
    )

    assert (
        result.stderr
        == (
            f"error: not starting the command: the secret NUL_KEY (vendor) used in "
            f"{template} contains a NUL byte, which environment variables cannot "
            "contain; store the value without NUL bytes, for example base64-encoded\n"
        ).encode()
    )
    assert result.returncode == 1
    assert not marker.exists()


def test_run_env_file_rejects_nul_text(nul_home: Path, tmp_path: Path) -> None:
    template = tmp_path / "deploy.env"
    template.write_bytes(b"VALUE=a\0b\n")
    marker = tmp_path / "started"

    result = run_cli(
        nul_home, "run", "--env-file", str(template), "--", "touch", str(marker)
    )

    assert (
        result.stderr
        == (
            "error: not starting the command: environment variable VALUE from the "
            f"file {template} contains a NUL byte, which environment variables cannot "
            "contain; store the value without NUL bytes, for example base64-encoded\n"
        ).encode()
    )
    assert result.returncode == 1
    assert not marker.exists()
