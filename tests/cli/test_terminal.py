"""`set` and `delete` on a pseudo-terminal: hidden prompts and confirmation."""

from __future__ import annotations

import json
import os
import pty
import select
import time

from cli_runner import CONSOLE_SCRIPT, SENTINEL, Cli


class Terminal:
    """A `distr-secrets` process whose stdin, stdout and stderr are a pseudo-terminal."""

    def __init__(self, cli: Cli, *args: str, env: dict[str, str] | None = None) -> None:
        env = cli.env({"TERM": "xterm-256color", "COLUMNS": "100", **(env or {})})
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cli.cwd)
            os.execve(str(CONSOLE_SCRIPT), [str(CONSOLE_SCRIPT), *args], env)
        self.pid = pid
        self.fd = fd
        self.transcript = b""

    def expect(self, text: str, timeout: float = 30.0) -> None:
        """Read until `text` appears in the transcript; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.transcript:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"timed out waiting for {text!r}: {self.transcript!r}"
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 1024)
                except OSError:
                    chunk = b""
                assert chunk, f"terminal closed before {text!r}: {self.transcript!r}"
                self.transcript += chunk

    def send_line(self, text: str) -> None:
        os.write(self.fd, text.encode() + b"\r")

    def send_control(self, letter: str) -> None:
        """Type Ctrl and `letter`, e.g. "D" for end of input, "C" to interrupt."""
        os.write(self.fd, bytes([ord(letter) - ord("@")]))

    def wait(self) -> int:
        """Drain the output and return the exit status."""
        while True:
            try:
                chunk = os.read(self.fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            self.transcript += chunk
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def test_set_prompts_twice_without_echo(cli: Cli) -> None:
    terminal = Terminal(cli, "set", "DB_PASSWORD")
    terminal.expect("Value for DB_PASSWORD: ")
    terminal.send_line(SENTINEL)
    terminal.expect("Repeat value for DB_PASSWORD: ")
    terminal.send_line(SENTINEL)

    status = terminal.wait()

    assert status == 0, terminal.transcript
    assert b"created DB_PASSWORD in scope vendor" in terminal.transcript
    assert SENTINEL.encode() not in terminal.transcript
    template = cli.cwd / "value.txt"
    template.write_text("{{ .Secrets.DB_PASSWORD }}")
    assert cli.ok("render", str(template)).stdout == SENTINEL


def test_set_rejects_different_entries(cli: Cli) -> None:
    terminal = Terminal(cli, "set", "DB_PASSWORD")
    terminal.expect("Value for DB_PASSWORD: ")
    terminal.send_line(SENTINEL)
    terminal.expect("Repeat value for DB_PASSWORD: ")
    terminal.send_line(SENTINEL + "-typo")

    status = terminal.wait()

    assert status == 1
    assert (
        b"error: the two values entered for DB_PASSWORD differ" in terminal.transcript
    )
    assert not cli.vault_file.exists()


def test_set_rejects_empty_entry(cli: Cli) -> None:
    terminal = Terminal(cli, "set", "DB_PASSWORD")
    terminal.expect("Value for DB_PASSWORD: ")
    terminal.send_line("")

    status = terminal.wait()

    assert status == 1
    assert terminal.transcript == (
        b"Value for DB_PASSWORD: \r\n"
        b"error: empty value for DB_PASSWORD from the prompt; nothing stored\r\n"
    )


def test_set_end_of_input_ends_line(cli: Cli) -> None:
    terminal = Terminal(cli, "set", "DB_PASSWORD")
    terminal.expect("Value for DB_PASSWORD: ")
    terminal.send_control("D")

    status = terminal.wait()

    assert status == 1
    assert terminal.transcript == (
        b"Value for DB_PASSWORD: \r\n"
        b"error: no value entered for DB_PASSWORD; nothing stored\r\n"
    )


def test_set_interrupt_exits_130(cli: Cli) -> None:
    terminal = Terminal(cli, "set", "DB_PASSWORD")
    terminal.expect("Value for DB_PASSWORD: ")
    terminal.send_control("C")

    status = terminal.wait()

    assert status == 130
    assert terminal.transcript == (
        b"Value for DB_PASSWORD: \r\nerror: interrupted, nothing stored\r\n"
    )
    assert not cli.vault_file.exists()


def test_confirmation_interrupt_exits_130(cli: Cli) -> None:
    cli.set("KEEP", SENTINEL)

    terminal = Terminal(cli, "delete", "KEEP")
    terminal.expect("Delete KEEP from scope vendor? [y/N]: ")
    terminal.send_control("C")
    status = terminal.wait()

    assert status == 130
    assert terminal.transcript == (
        b"Delete KEEP from scope vendor? [y/N]: ^C\r\n"
        b"error: interrupted, nothing changed\r\n"
    )
    listed = json.loads(cli.ok("list", "--json").stdout)
    assert [entry["key"] for entry in listed] == ["KEEP"]


def test_delete_asks_for_confirmation(cli: Cli) -> None:
    cli.set("KEEP", SENTINEL)
    cli.set("GONE", SENTINEL)

    declined = Terminal(cli, "delete", "KEEP")
    declined.expect("Delete KEEP from scope vendor? [y/N]: ")
    declined.send_line("n")
    declined_status = declined.wait()
    accepted = Terminal(cli, "delete", "GONE")
    accepted.expect("Delete GONE from scope vendor? [y/N]: ")
    accepted.send_line("y")
    accepted_status = accepted.wait()

    assert declined_status == 1
    assert b"error: cancelled, nothing changed" in declined.transcript
    assert accepted_status == 0
    listed = json.loads(cli.ok("list", "--json").stdout)
    assert [entry["key"] for entry in listed] == ["KEEP"]


def test_list_on_terminal_uses_color(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)

    colored = Terminal(cli, "list")
    colored_status = colored.wait()
    plain = Terminal(cli, "list", env={"NO_COLOR": "1"})
    plain_status = plain.wait()

    assert colored_status == 0
    assert plain_status == 0
    assert b"\x1b[" in colored.transcript
    assert b"\x1b[" not in plain.transcript
    assert b"DB_PASSWORD" in plain.transcript
    assert SENTINEL.encode() not in colored.transcript + plain.transcript
