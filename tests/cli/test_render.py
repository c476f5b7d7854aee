"""`render` and `check`: output files, errors and the format checks."""

from __future__ import annotations

import json
import stat

import pytest
from cli_runner import SENTINEL, Cli


def build_vault(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.set("API_TOKEN", "token-" + SENTINEL)


@pytest.fixture
def vault(prepared) -> Cli:
    return prepared("render-vault", build_vault)


def test_render_to_stdout(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text(
        "DB_PASSWORD={{ .Secrets.DB_PASSWORD }}\nTOKEN={{ .Secrets.API_TOKEN }}\n"
    )

    result = vault.ok("render", str(template))

    assert result.stdout == f"DB_PASSWORD={SENTINEL}\nTOKEN=token-{SENTINEL}\n"


def test_render_from_stdin(vault: Cli) -> None:
    result = vault.ok("render", "-", input="pw: {{ .Secrets.DB_PASSWORD }}")

    assert result.stdout == f"pw: {SENTINEL}"


def test_render_output_file_is_private(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("DB_PASSWORD={{ .Secrets.DB_PASSWORD }}\n")
    target = vault.cwd / ".env"

    result = vault.ok("render", str(template), "-o", str(target))

    assert result.stdout == ""
    assert target.read_text() == f"DB_PASSWORD={SENTINEL}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_render_replaces_existing_file_privately(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("DB_PASSWORD={{ .Secrets.DB_PASSWORD }}\n")
    target = vault.cwd / ".env"
    target.write_text("OLD=1\n")
    target.chmod(0o644)

    vault.ok("render", str(template), "-o", str(target))

    assert target.read_text() == f"DB_PASSWORD={SENTINEL}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_render_output_follows_symlink(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("DB_PASSWORD={{ .Secrets.DB_PASSWORD }}\n")
    shared = vault.cwd / "shared"
    shared.mkdir()
    target = shared / "app.env"
    target.write_text("OLD=1\n")
    link = vault.cwd / ".env"
    link.symlink_to(target)

    result = vault.ok("render", str(template), "-o", str(link))

    assert result.stderr == f"wrote {link} with scope vendor\n"
    assert link.is_symlink()
    assert target.read_text() == f"DB_PASSWORD={SENTINEL}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(path.name for path in shared.iterdir()) == ["app.env"]


def test_render_missing_key_writes_nothing(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("A={{ .Secrets.DB_PASSWORD }}\nB={{ .Secrets.NOPE }}\n")
    target = vault.cwd / ".env"
    existing = vault.cwd / "existing.env"
    existing.write_text("OLD=1\n")

    to_stdout = vault("render", str(template))
    to_new_file = vault("render", str(template), "-o", str(target))
    to_old_file = vault("render", str(template), "-o", str(existing))

    expected = (
        "error: template execution error: template: deploy.env:2:13: executing "
        '"deploy.env" at <.Secrets.NOPE>: map has no entry for key "NOPE"\n'
    )
    for result in (to_stdout, to_new_file, to_old_file):
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == expected
    assert not target.exists()
    assert existing.read_text() == "OLD=1\n"
    assert sorted(path.name for path in vault.cwd.iterdir()) == [
        "deploy.env",
        "existing.env",
    ]


def test_render_parse_error_message(vault: Cli) -> None:
    template = vault.cwd / "broken.txt"
    template.write_text("ok\n{{ .Secrets.DB_PASSWORD }\n")

    result = vault("render", str(template))

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        'error: template parsing error: template: broken.txt:2: unexpected "}" '
        "in operand\n"
    )


def test_render_rejects_value_that_yaml_changes(cli: Cli) -> None:
    cli.set("FLAG", "on")
    template = cli.cwd / "values.yaml"
    template.write_text("enabled: {{ .Secrets.FLAG }}\n")
    target = cli.cwd / "values.rendered.yaml"

    result = cli("render", str(template), "-o", str(target))

    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "FLAG" in result.stderr
    assert not target.exists()


def test_render_no_verify_warns(cli: Cli) -> None:
    cli.set("FLAG", "on")
    template = cli.cwd / "values.yaml"
    template.write_text("enabled: {{ .Secrets.FLAG }}\n")

    result = cli.ok("render", str(template), "--no-verify")

    assert result.stdout == "enabled: on\n"
    assert result.stderr == (
        "warning: --no-verify: not checking that values survive the yaml format\n"
    )


def test_render_unknown_format(vault: Cli) -> None:
    result = vault("render", "-", "--format", "toml", input="x")

    assert result.returncode == 2
    assert result.stderr == (
        'error: invalid value for --format: "toml"; use env, yaml, text\n'
    )


def test_check_passes_without_printing_values(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("DB_PASSWORD={{ .Secrets.DB_PASSWORD }}\n")

    result = vault.ok("check", str(template))
    report = json.loads(vault.ok("check", str(template), "--json").stdout)

    assert result.stdout == f"{template}: ok (format env; keys: DB_PASSWORD)\n"
    assert report["ok"] is True
    assert report["keys"] == ["DB_PASSWORD"]
    assert report["missing"] == []
    assert report["format"] == "env"
    assert SENTINEL not in result.stdout + result.stderr


def test_check_reports_missing_key(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text("A={{ .Secrets.DB_PASSWORD }}\nB={{ .Secrets.NOPE }}\n")

    result = vault("check", str(template))
    as_json = vault("check", str(template), "--json")

    report = json.loads(as_json.stdout)
    assert result.returncode == 1
    assert result.stdout == (
        'template: deploy.env:2:13: executing "deploy.env" at <.Secrets.NOPE>: '
        'map has no entry for key "NOPE"\n'
        f"{template}: missing key NOPE\n"
        f"{template}: failed (format env)\n"
    )
    assert as_json.returncode == 1
    assert report["ok"] is False
    assert report["missing"] == ["NOPE"]
    assert SENTINEL not in result.stdout + result.stderr + as_json.stdout


def test_check_reports_format_problem(cli: Cli) -> None:
    cli.set("FLAG", "yes")
    template = cli.cwd / "values.yaml"
    template.write_text("enabled: {{ .Secrets.FLAG }}\n")

    result = cli("check", str(template), "--json")

    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["ok"] is False
    assert len(report["format_problems"]) == 1
    assert "FLAG" in report["format_problems"][0]


def test_check_notes_lenient_optional_key(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text(
        "A={{ .Secrets.DB_PASSWORD }}\n{{ if .Secrets.OPT }}B=1{{ end }}\n"
    )

    lenient = vault("check", str(template))

    assert lenient.returncode == 0
    assert lenient.stdout == (
        f"{template}:2:14: note: OPT is not set, which is allowed here: if, with, "
        "and, or and not read a missing key as false (--strict makes it an error)\n"
        f"{template}: ok (format env; keys: DB_PASSWORD, OPT; optional and not "
        "set: OPT)\n"
    )


def test_check_json_lists_optional_key(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text(
        "A={{ .Secrets.DB_PASSWORD }}\n{{ if .Secrets.OPT }}B=1{{ end }}\n"
    )

    result = vault("check", str(template), "--json")

    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "template": str(template),
        "format": "env",
        "scope": "vendor",
        "ok": True,
        "keys": ["DB_PASSWORD", "OPT"],
        "missing": [],
        "optional": ["OPT"],
        "lenient_uses": [{"key": "OPT", "line": 2, "col": 14}],
        "format_problems": [],
        "error": None,
    }


def test_check_strict_reports_without_note(vault: Cli) -> None:
    template = vault.cwd / "deploy.env"
    template.write_text(
        "A={{ .Secrets.DB_PASSWORD }}\n{{ if .Secrets.OPT }}B=1{{ end }}\n"
    )

    strict = vault("check", str(template), "--strict")

    assert strict.returncode == 1
    assert strict.stdout == (
        'template: deploy.env:2:14: executing "deploy.env" at <.Secrets.OPT>: '
        'map has no entry for key "OPT"\n'
        f"{template}: missing key OPT\n"
        f"{template}: failed (format env)\n"
    )


def test_check_names_file_once(cli: Cli) -> None:
    cli.set("DOLLAR", "a$b")
    template = cli.cwd / "deploy.env"
    template.write_text("X={{ .Secrets.DOLLAR }}\n")

    result = cli("check", str(template))

    assert result.returncode == 1
    assert result.stdout == (
        "deploy.env:1:5: secret DOLLAR would not be read back as written: docker "
        "compose reads the value changed at `$`, which starts a variable "
        "reference; put the value in single quotes: X='{{ .Secrets.DOLLAR }}'\n"
        f"{template}: failed (format env)\n"
    )


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ('k: {{ index .Secrets "NOPE" }}\n', ""),
        (
            "k: {{ .Secrets.NOPE }}\n",
            (
                'template: values.yaml:1:14: executing "values.yaml" at '
                '<.Secrets.NOPE>: map has no entry for key "NOPE"\n'
            ),
        ),
        (
            "{{ if .Secrets.NOPE }}k: {{ .Secrets.NOPE }}{{ end }}\n",
            "",
        ),
    ],
    ids=["index", "printed", "printed-inside-if"],
)
def test_check_fails_on_missing_key(vault: Cli, source: str, error: str) -> None:
    template = vault.cwd / "values.yaml"
    template.write_text(source)

    result = vault("check", str(template))
    as_json = vault("check", str(template), "--json")

    report = json.loads(as_json.stdout)
    assert result.returncode == 1
    assert result.stdout == (
        f"{error}{template}: missing key NOPE\n{template}: failed (format yaml)\n"
    )
    assert as_json.returncode == 1
    assert report["ok"] is False
    assert report["missing"] == ["NOPE"]
    assert report["lenient_uses"] == []


def test_check_strict_fails_on_lenient_only_key(vault: Cli) -> None:
    template = vault.cwd / "values.yaml"
    template.write_text("{{ if not .Secrets.OPT }}k: 1{{ end }}\n")

    lenient = vault("check", str(template))
    strict = vault("check", str(template), "--strict", "--json")

    report = json.loads(strict.stdout)
    assert lenient.returncode == 0
    assert lenient.stdout == (
        f"{template}:1:18: note: OPT is not set, which is allowed here: if, with, "
        "and, or and not read a missing key as false (--strict makes it an error)\n"
        f"{template}: ok (format yaml; keys: OPT; optional and not set: OPT)\n"
    )
    assert strict.returncode == 1
    assert report["ok"] is False
    assert report["missing"] == ["OPT"]
    assert report["lenient_uses"] == []
