"""Hand-written conformance cases, grouped by the construct they exercise.

Each case is a template source, a secrets mapping and a template name. The
expected result is never written here: `regenerate` runs every case through
Go's text/template and stores what Go does in the golden file.

Template sources are `str`. Bytes that are not valid UTF-8 are written as
lone surrogates (`"\\udcff"` for the byte 0xFF), the same way the command line
decodes files with `errors="surrogateescape"`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Secrets shared by most cases. The values cover what breaks naive
# substitution: empty strings, newlines, non-ASCII text, `$`, quotes and
# template delimiters.
DEFAULT_SECRETS: dict[str, str] = {
    "DB_PASSWORD": "s3cr3t",
    "API_URL": "https://api.example.com/v1?x=1&y=2",
    "EMPTY": "",
    "MULTI": "line1\nline2\n",
    "UNICODE": "pässwörd ✓ 日本",
    "DOLLAR": "$HOME $$x ${VAR}",
    "QUOTES": "he said \"hi\" 'x' `bt` \\n",
    "BRACES": "{{ .Secrets.DB_PASSWORD }}",
    "HTML": "<a href='x'>&amp;</a>",
    "NUM": "42",
    "SPACES": "  padded\t ",
    "K1": "v1",
    "k2": "v2",
    "_U": "underscore",
}

# Keys out of order on purpose: `range` must visit them sorted by bytes.
UNSORTED_SECRETS: dict[str, str] = {
    "b": "2",
    "a": "1",
    "Z": "upper",
    "_x": "under",
    "é": "accent",
    "a0": "1b",
    "A": "cap",
}

SMALL_SECRETS: dict[str, str] = {"A": "x", "B": "", "C": "multi\nline"}


@dataclass
class CaseList:
    """Accumulate cases and number them per section for stable test ids."""

    cases: list[dict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(
        self,
        section: str,
        template: str,
        secrets: dict[str, str] | None = None,
        name: str = "t",
    ) -> None:
        self.counts[section] += 1
        self.cases.append(
            {
                "id": f"{section}-{self.counts[section]:03d}",
                "name": name,
                "template": template,
                "secrets": DEFAULT_SECRETS if secrets is None else secrets,
            }
        )

    def add_all(
        self,
        section: str,
        templates: list[str],
        secrets: dict[str, str] | None = None,
        name: str = "t",
    ) -> None:
        for template in templates:
            self.add(section, template, secrets, name)


def add_text_cases(cases: CaseList) -> None:
    cases.add_all(
        "text",
        [
            "",
            "plain text",
            "two\nlines\n",
            "{ not an action } and } and {",
            "}} stray closing delimiter",
            "{{}}",
            "{{ }}",
            "a {{/* c */}} b",
            "ünïcödé text ✓ 日本語\n",
            "tab\there\r\nCRLF\r\n",
            "{{ .Secrets.K1 }}\r\n{{ .Secrets.k2 }}\r\n",
            "nul\x00byte",
            "invalid \udcff\udcfe bytes",
            "{{ .Secrets.K1 }}\udcc3",
            "{{{ .Secrets.K1 }}}",
            "{{ .Secrets.K1 }}}}",
            "x" * 70000 + "{{ .Secrets.K1 }}" + "y" * 70000,
            "a\n" * 5000 + "{{ .Secrets.K1 }}",
            "{{ .Secrets.K1 }}" * 3000,
            "{",
            "{ {",
            "{{",
            "}",
        ],
    )
    cases.add("text", "name with space", name="my file.txt")
    cases.add("text", "{{ .Secrets.K1 }}", name="values.yaml")
    cases.add("text", "DB={{ .Secrets.DB_PASSWORD }}\n", name="deploy.env")


def add_trim_cases(cases: CaseList) -> None:
    cases.add_all(
        "trim",
        [
            "a  {{- .Secrets.K1 -}}  b",
            "a \n\t{{- 3}}",
            "a {{-3}}",
            "a {{- 3 -}} b",
            "a {{3 -}} b",
            "a {{3-}} b",
            "a {{ 3 -}}\n\n  b",
            "a {{-}} b",
            "a {{- }} b",
            "a {{ -}} b",
            "a {{--}} b",
            "a \t{{-\t3\t-}}\t b",
            "a \n{{-\n3\n-}}\n b",
            "a \r\n{{-\r3\r-}}\r\n b",
            "a\u00a0{{- 3 -}}\u00a0b",
            "a\n\n{{- /* c */ -}}\n\nb",
            "a {{- /* c */}} b",
            "a {{/* c */ -}} b",
            "a {{-/* c */}} b",
            "a {{/* c */-}} b",
            "a {{- /* c */-}} b",
            "x\n{{- if true -}}\n  yes\n{{- end -}}\n y",
            "{{- .Secrets.K1 -}}",
            "   \n\n{{- .Secrets.K1 -}}\n\n   ",
            "{{ range 3 -}}\n  {{ . }}\n{{- end }}",
            "a {{- -3 -}} b",
            "a {{- - 3 -}} b",
            "a {{ 3 - }} b",
            "a {{ 3 -}}",
            "{{- 3",
            "{{-",
            "a {{- `x` -}} b",
            'a {{- "x" -}} b',
            "a {{- print -}} b",
            "a {{- $x := 1 -}} b{{ $x }}",
        ],
    )


def add_comment_cases(cases: CaseList) -> None:
    cases.add_all(
        "comment",
        [
            "{{/* a comment */}}",
            "a{{/* c */}}b",
            "{{/**/}}x",
            "{{/* {{ .Secrets.NOPE }} */}}x",
            "{{/*\nmulti\nline\n*/}}{{ .Secrets.NOPE }}",
            "{{/* unclosed",
            "{{/* c */ x}}",
            "{{/* c */ }}",
            "{{ /* c */ }}",
            "{{/* c */}}{{/* d",
            "{{/* c */",
            "{{/* c *}}",
            "{{/* nested /* c */ */}}",
            "{{- /* trimmed both */ -}}",
            "a {{- /* x */ -}}\n\n{{ .Secrets.K1 }}",
            "{{/* ✓ ünï \udcff */}}ok",
            "{{/* */}}{{if}}",
            "line1\n{{/* two\nlines */}}\n{{ 1 }",
            "{{/* c */}}\n{{ .Secrets.NOPE }}",
            "{{/*x*/ 1}}",
        ],
    )


def add_field_cases(cases: CaseList) -> None:
    cases.add_all(
        "field",
        [
            "{{.Secrets.K1}}",
            "{{ .Secrets.K1 }}",
            "{{ .Secrets.DB_PASSWORD }}",
            "{{ .Secrets.MULTI }}",
            "{{ .Secrets.UNICODE }}",
            "{{ .Secrets.DOLLAR }}",
            "{{ .Secrets.QUOTES }}",
            "{{ .Secrets.BRACES }}",
            "{{ .Secrets.HTML }}",
            "{{ .Secrets.EMPTY }}|",
            "{{ .Secrets.SPACES }}|",
            "{{ .Secrets.k2 }}{{ .Secrets._U }}",
            "{{ .Secrets.NOPE }}",
            "{{ .Nope }}",
            "{{ .Nope.Deeper.Still }}",
            "{{ .Secrets.K1.X }}",
            "{{ .Secrets.K1.X.Y }}",
            "{{ .Secrets.NOPE.X }}",
            "{{ $.Secrets.K1 }}",
            "{{ $.Secrets.NOPE }}",
            "{{ $.Nope }}",
            "{{ $x := .Secrets }}{{ $x.K1 }}",
            "{{ $x := .Secrets }}{{ $x.NOPE }}",
            "{{ $x := .Secrets.K1 }}{{ $x.Y }}",
            "{{ $x := 1 }}{{ $x.F }}",
            "{{ (.Secrets).K1 }}",
            "{{ (.Secrets).NOPE }}",
            '{{ (print "a").X }}',
            "{{ .Secrets.K1 .Secrets.K1 }}",
            "{{ .Secrets.K1 1 }}",
            "{{ .Secrets.db-pass }}",
            "{{ .Secrets. }}",
            "{{ . Secrets }}",
            "{{ .Secrets..K1 }}",
            "{{ .Secrets.1 }}",
            "{{ .1 }}",
            '{{ ."a" }}',
            '{{ "a".X }}',
            "{{ 1.X }}",
            "{{ $.1 }}",
            "{{ .Secrets.Sécret }}",
            "{{ .Secrets.K1| print }}",
            "{{ .Secrets.K1|print }}",
            '{{ .Secrets.K1 | printf "%s!" }}',
            "{{ with .Secrets }}{{ .K1 }}{{ .NOPE }}{{ end }}",
            "{{ nil.X }}",
            "{{ true.X }}",
            "{{ $.Secrets.K1.NOPE }}",
            "{{ .Secrets.K1 }}",
            "{{ .Secrets.NOPE }}",
        ],
    )
    cases.add("field", "{{ .Secrets.K1 }}", {})
    cases.add("field", "{{ . }}", SMALL_SECRETS)
    cases.add("field", "{{ .Secrets }}", SMALL_SECRETS)
    cases.add("field", "{{ $ }}", SMALL_SECRETS)
    cases.add("field", "{{ .Secrets }}", {})
    cases.add("field", "{{ .Secrets }}", UNSORTED_SECRETS)
    cases.add("field", "a\nb\n  {{ .Secrets.NOPE }}", name="deploy.env")
    cases.add("field", "x: {{ .Secrets.NOPE }}", name="values.yaml")
    cases.add("field", "日本語{{ .Secrets.NOPE }}")
    cases.add("field", "\udcff\udcfe{{ .Secrets.NOPE }}")


def add_variable_cases(cases: CaseList) -> None:
    cases.add_all(
        "variable",
        [
            '{{ $x := "a" }}{{ $x }}',
            "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
            "{{ $x = 2 }}",
            "{{ $x }}",
            "{{ $ }}",
            "{{ $ := 1 }}{{ $ }}",
            "{{ $ = 1 }}{{ $ }}",
            "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}",
            "{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}",
            "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}",
            "{{ $x := 0 }}{{ range 3 }}{{ $x = . }}{{ end }}{{ $x }}",
            "{{ $x := 0 }}{{ with 5 }}{{ $x = . }}{{ end }}{{ $x }}",
            "{{ range $i := 3 }}{{ $i }}{{ end }}{{ $i }}",
            "{{ with $v := 1 }}{{ $v }}{{ end }}{{ $v }}",
            "{{ if $v := 1 }}{{ $v }}{{ else }}{{ $v }}{{ end }}",
            "{{ if $v := 0 }}{{ $v }}{{ else }}[{{ $v }}]{{ end }}",
            "{{ $x, $y := 1 }}",
            '{{ $x := 1 | printf "%d" }}{{ $x }}',
            "{{ $x := $x }}",
            "{{ $x := 1 }}{{ $x := 2 }}{{ $x }}",
            "{{ $x:=1 }}{{ $x }}",
            "{{ $x : = 1 }}",
            "{{ $x == 1 }}",
            "{{ $x := }}",
            "{{ $x := := 1 }}",
            "{{ $x := 1 }}{{ $x 2 }}",
            "{{ $x.y := 1 }}",
            "{{ 1 := 2 }}",
            "{{ := 1 }}",
            "{{ = 1 }}",
            "{{ $x := 1 }}{{ $x = }}",
            "{{ $x := .Secrets.NOPE }}",
            '{{ $x := .Secrets.K1 }}{{ $x }}{{ $x = "b" }}{{ $x }}',
            "{{ $x := 1 }}{{ $y := $x }}{{ $x = 2 }}{{ $y }}{{ $x }}",
            "{{ $_ := 1 }}{{ $_ }}",
            "{{ $ü := 1 }}{{ $ü }}",
            "{{ $1 := 1 }}{{ $1 }}",
            "{{ $x := 1 }}{{ $x.Y }}",
            "{{ $x := .Secrets }}{{ $x.K1.Z }}",
            '{{ $x := 1 }}{{ define "a" }}{{ $x }}{{ end }}',
            "{{ $x := 1 }}{{ range $x = 3 }}{{ . }}{{ end }}{{ $x }}",
            (
                "{{ $a := 0 }}{{ $b := 0 }}"
                "{{ range $a, $b = .Secrets }}{{ end }}{{ $a }}={{ $b }}"
            ),
            "{{ $a := 0 }}{{ range $a, $b := .Secrets }}{{ end }}{{ $a }}",
            "{{ ($x := 1) }}{{ $x }}",
            "{{ print ($x := 2) $x }}",
            "{{ $x := 1 }}{{ $x = $x }}{{ $x }}",
            "{{ $x := 1 }}{{ with 2 }}{{ $x := . }}{{ end }}{{ $x }}",
            "{{ range $k, $v := .Secrets }}{{ $.Secrets.NOPE }}{{ end }}",
            "{{ $x := 1 }}{{ $x = .Secrets.NOPE }}",
        ],
    )
    cases.add(
        "variable",
        "{{ range $k, $v := .Secrets }}{{ $k }}={{ $v }};{{ end }}",
        UNSORTED_SECRETS,
    )
    cases.add(
        "variable", "{{ range $v := .Secrets }}{{ $v }},{{ end }}", UNSORTED_SECRETS
    )


def add_pipeline_cases(cases: CaseList) -> None:
    cases.add_all(
        "pipeline",
        [
            '{{ "a" | printf "%s-%s" "b" }}',
            "{{ 1 | print 2 }}",
            "{{ .Secrets.K1 | len }}",
            '{{ "x" | len | printf "%d" }}',
            '{{ (print "a" "b") }}',
            "{{ (1) }}",
            "{{ ((((1)))) }}",
            '{{ print (len "abc") (len "de") }}',
            "{{ | print }}",
            "{{ print | }}",
            '{{ "a" | "b" }}',
            "{{ 1 | 2 }}",
            "{{ print 1 | .Secrets.K1 }}",
            "{{ print 1 | $ }}",
            "{{ () }}",
            "{{ ( ) }}",
            "{{ (1 }}",
            "{{ 1) }}",
            "{{ (1 2) }}",
            "{{ (1).X }}",
            "{{ print (.Secrets.K1 | len) }}",
            "{{ $x := (1) }}{{ $x }}",
            '{{ .Secrets.K1 | printf "%q" | len }}',
            '{{ "a" | not }}',
            "{{ print 1 | print 2 | print 3 }}",
            "{{ print | print }}",
            "{{ len | print }}",
            "{{ 1 | eq 1 }}",
            "{{ (print 1) (print 2) }}",
            "{{ print (print (print (print 1))) }}",
            "{{ print (1 | print) }}",
            "{{ print ( 1 ) }}",
            "{{ print (\n1\n) }}",
            "{{ print\n1 }}",
            "{{\n.Secrets.K1\n}}",
            "{{ print\n.Secrets.NOPE }}",
            "{{ 1\n",
            "{{ (1\n",
            "{{ .Secrets.K1 | .Secrets.K1 }}",
            "{{ $x := 1 | $y := 2 }}",
            "{{ print 1 | $x := 2 }}",
            "{{ print (.Secrets.NOPE | len) }}",
            "{{ .Secrets.NOPE | print }}",
            "{{ print .Secrets.NOPE }}",
            '{{ index .Secrets "K1" | len }}',
            '{{ (index .Secrets "K1") }}',
            "{{ ((.Secrets).K1) }}",
            "{{ (.Secrets.K1).X }}",
        ],
    )
    for depth in (100, 999, 1000, 5000, 10000, 10001, 20000):
        cases.add("pipeline", "{{ " + "(" * depth + "1" + ")" * depth + " }}")
    cases.add("pipeline", "{{ " + "(" * 50000)
    cases.add("pipeline", "{{ " + "(" * 3000 + "1" + ")" * 2999 + " }}")
    cases.add("pipeline", "{{ print " + "(print " * 2000 + "1" + ")" * 2000 + " }}")
    cases.add("pipeline", "{{ 1" + " | print" * 3000 + " }}")


def add_if_cases(cases: CaseList) -> None:
    cases.add_all(
        "if",
        [
            "{{ if true }}y{{ end }}",
            "{{ if false }}y{{ end }}",
            "{{ if 0 }}y{{ else }}n{{ end }}",
            "{{ if 1 }}y{{ else }}n{{ end }}",
            '{{ if "" }}y{{ else }}n{{ end }}',
            '{{ if "a" }}y{{ else }}n{{ end }}',
            "{{ if nil }}y{{ else }}n{{ end }}",
            "{{ if 0.0 }}y{{ else }}n{{ end }}",
            "{{ if 0.5 }}y{{ else }}n{{ end }}",
            "{{ if 'a' }}y{{ else }}n{{ end }}",
            "{{ if 0i }}y{{ else }}n{{ end }}",
            "{{ if 1i }}y{{ else }}n{{ end }}",
            "{{ if .Secrets.EMPTY }}y{{ else }}n{{ end }}",
            "{{ if .Secrets.K1 }}y{{ else }}n{{ end }}",
            "{{ if .Secrets.NOPE }}y{{ else }}n{{ end }}",
            "{{ if .Secrets }}y{{ else }}n{{ end }}",
            "{{ if 1 }}a{{ else if 0 }}b{{ else }}c{{ end }}",
            "{{ if 0 }}a{{ else if 1 }}b{{ else }}c{{ end }}",
            "{{ if 0 }}a{{ else if 0 }}b{{ else }}c{{ end }}",
            "{{ if 0 }}a{{ else if 0 }}b{{ else if 1 }}c{{ end }}",
            "{{ if 0 }}a{{ else if .Secrets.NOPE }}b{{ end }}",
            "{{ if 1 }}a{{ else if .Secrets.NOPE }}b{{ end }}",
            "{{ if }}y{{ end }}",
            "{{ if 1 }}y",
            "{{ else }}",
            "{{ end }}",
            "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
            "{{ if 1 }}{{ else if }}{{ end }}",
            "{{ if 1 }}{{ end }}{{ end }}",
            "{{ if 1 }}a{{ else with 2 }}{{ . }}{{ end }}",
            "{{ if 1 2 }}y{{ end }}",
            "{{ if $x := 1 }}{{ $x }}{{ end }}",
            "{{ if not .Secrets.EMPTY }}empty{{ end }}",
            "{{ if 1 }}{{ end 1 }}",
            "{{ if 1 }}{{ else 1 }}{{ end }}",
            "{{ if 1 -}}\n  y\n{{- end }}",
            "{{ if and .Secrets.K1 .Secrets.k2 }}both{{ end }}",
            "{{ if or .Secrets.EMPTY .Secrets.K1 }}one{{ end }}",
            '{{ if eq .Secrets.K1 "v1" }}match{{ end }}',
            "{{ if .Secrets.NOPE }}{{ .Secrets.NOPE }}{{ else }}default{{ end }}",
            "line1\n{{ if 1 }}\nline3\n",
            "{{ if 1 }}{{ if 0 }}{{ end }}",
            "{{ if 1 }}{{ range 1 }}{{ end }}",
            "{{ if 1 }}{{ else }}{{ else if 1 }}{{ end }}",
            "{{ if print }}y{{ else }}n{{ end }}",
            "{{ if (print 1) }}y{{ end }}",
            "{{ if $ }}y{{ end }}",
            "{{ if 1 | not }}y{{ else }}n{{ end }}",
            "{{ else if 1 }}",
            "{{ if 1 }}a{{ else if 1 }}b{{ else if }}c{{ end }}",
        ],
    )
    cases.add("if", "{{ if 1 }}" * 3000 + "deep" + "{{ end }}" * 3000)
    cases.add("if", "{{ if 1 }}" * 3000 + "unclosed")


def add_with_cases(cases: CaseList) -> None:
    cases.add_all(
        "with",
        [
            "{{ with .Secrets.K1 }}{{ . }}{{ end }}",
            '{{ with "" }}x{{ else }}y{{ end }}',
            "{{ with 0 }}x{{ else with 1 }}{{ . }}{{ end }}",
            "{{ with 0 }}x{{ else with 0 }}y{{ else }}z{{ end }}",
            "{{ with $x := .Secrets.K1 }}{{ $x }}{{ . }}{{ end }}",
            '{{ with "" }}{{ else }}{{ .Secrets.K1 }}{{ end }}',
            "{{ with .Secrets.EMPTY }}x{{ else }}empty{{ end }}",
            "{{ with .Secrets.NOPE }}x{{ else }}none{{ end }}",
            "{{ with .Secrets }}{{ .K1 }}{{ end }}",
            "{{ with }}x{{ end }}",
            "{{ with 1 }}x",
            "{{ with 1 }}{{ else }}{{ else }}{{ end }}",
            "{{ with 0 }}{{ else if 1 }}if{{ end }}",
            "{{ with 0 }}{{ else with }}{{ end }}",
            "{{ with 0 }}{{ else with .Secrets.NOPE }}{{ end }}",
            "{{ with 1 }}{{ with 2 }}{{ . }}{{ end }}{{ . }}{{ end }}",
            "{{ with 1 }}{{ $.Secrets.K1 }}{{ end }}",
            "{{ with 1 }}{{ .X }}{{ end }}",
            "{{ with .Secrets.K1 }}{{ .X }}{{ end }}",
            "{{ with 1 2 }}{{ end }}",
            "{{ with $x := 0 }}{{ else }}{{ $x }}{{ end }}",
            "{{ with nil }}x{{ else }}nil{{ end }}",
            "{{ with 1 }}{{ end }}{{ . }}",
        ],
        SMALL_SECRETS | {"K1": "v1", "EMPTY": ""},
    )


def add_range_cases(cases: CaseList) -> None:
    cases.add_all(
        "range",
        [
            "{{ range .Secrets }}{{ . }},{{ end }}",
            "{{ range $k, $v := .Secrets }}{{ $k }}:{{ $v }} {{ end }}",
            "{{ range $k, $v := .Secrets }}{{ $.Secrets.a }}{{ end }}",
            "{{ range .Secrets }}{{ .X }}{{ end }}",
            "{{ range $i, $v := . }}{{ $i }}{{ end }}",
            "{{ range $a, $b, $c := .Secrets }}{{ end }}",
            "{{ range $k, $v = .Secrets }}{{ end }}",
            "{{ range $k := .Secrets }}{{ $k }}{{ end }}",
            "{{ range .Secrets }}{{ break }}{{ end }}x",
            (
                '{{ range $k, $v := .Secrets }}{{ if eq $k "a" }}{{ continue }}'
                "{{ end }}{{ $k }}{{ end }}"
            ),
            "{{ range .Secrets }}{{ else }}empty{{ end }}",
            "{{ range $k, $v := .Secrets -}}\n{{ $k }}={{ $v }}\n{{ end }}",
        ],
        UNSORTED_SECRETS,
    )
    cases.add("range", "{{ range .Secrets }}x{{ else }}empty{{ end }}", {})
    cases.add_all(
        "range",
        [
            "{{ range 3 }}{{ . }}{{ end }}",
            "{{ range 0 }}x{{ else }}none{{ end }}",
            "{{ range -1 }}x{{ else }}none{{ end }}",
            "{{ range $i := 3 }}{{ $i }}{{ end }}",
            "{{ range $i, $v := 3 }}{{ end }}",
            '{{ range "abc" }}{{ . }}{{ end }}',
            '{{ range $i, $c := "abc" }}{{ . }}{{ end }}',
            "{{ range true }}{{ . }}{{ end }}",
            "{{ range 1.5 }}{{ . }}{{ end }}",
            "{{ range 2.0 }}{{ . }}{{ end }}",
            "{{ range nil }}{{ . }}{{ end }}",
            "{{ range .Secrets.K1 }}{{ . }}{{ end }}",
            "{{ range .Secrets.NOPE }}{{ . }}{{ end }}",
            "{{ range 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}",
            "{{ range 5 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
            "{{ break }}",
            "{{ continue }}",
            "{{ range 3 }}{{ break 1 }}{{ end }}",
            "{{ range 3 }}{{ continue 1 }}{{ end }}",
            "{{ range 3 }}{{ break }}",
            "{{ if 1 }}{{ break }}{{ end }}",
            "{{ with 1 }}{{ continue }}{{ end }}",
            "{{ range 3 }}{{ with 1 }}{{ break }}{{ end }}x{{ end }}y",
            (
                "{{ range 2 }}{{ range 3 }}{{ if eq . 1 }}{{ break }}{{ end }}"
                "{{ . }}{{ end }}|{{ end }}"
            ),
            (
                '{{ range 3 }}{{ template "b" }}{{ end }}'
                '{{ define "b" }}{{ break }}{{ end }}'
            ),
            '{{ range 3 }}{{ define "x" }}{{ end }}{{ end }}',
            "{{ range 3 }}{{ else }}{{ break }}{{ end }}",
            "{{ range 1000 }}{{ end }}done",
            '{{ range len "abcd" }}{{ . }}{{ end }}',
            '{{ range (slice "abc" 1) }}{{ . }}{{ end }}',
            "{{ range '\\x03' }}{{ . }}{{ end }}",
            "{{ range 3 }}{{ $.Secrets.K1 }}{{ end }}",
            "{{ range $i := 3 }}{{ $i }}{{ $i = 9 }}{{ $i }} {{ end }}",
            "{{ range }}{{ end }}",
            "{{ range 1 2 }}{{ end }}",
            "{{ range 3 }}{{ . }}{{ else }}empty{{ end }}",
            "{{ range 0x3 }}{{ . }}{{ end }}",
            "{{ range 1e1 }}{{ . }}{{ end }}",
            "{{ range 1i }}{{ . }}{{ end }}",
            "{{ range 9223372036854775808 }}{{ end }}",
            "{{ range 3 }}{{ . }}{{ break }}{{ end }}",
            "{{ range 3 }}{{ if . }}{{ continue }}{{ end }}zero{{ end }}",
            "{{ range 3 }}{{ range . }}{{ . }}{{ end }};{{ end }}",
            "{{ range 3 }}{{ break }}{{ else }}e{{ end }}",
            "{{ range $x := 3 }}{{ end }}{{ $x }}",
            "{{ range $i := 3 }}{{ .X }}{{ end }}",
            "{{ range 2 }}{{ range 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
            (
                "{{ range 3 }}{{ if eq . 1 }}{{ else }}{{ continue }}{{ end }}{{ . }}"
                "{{ end }}"
            ),
            "{{ range 1 }}{{ break }}{{ break }}{{ end }}",
            "{{ range $ }}{{ . }}{{ end }}",
            "{{ range print 3 }}{{ . }}{{ end }}",
        ],
    )
    cases.add(
        "range",
        "{{ range $k, $v := .Secrets }}{{ $k }}={{ $v }}\n{{ end }}",
        DEFAULT_SECRETS,
    )
    cases.add("range", "{{ range 1 }}" * 1000 + "x" + "{{ end }}" * 1000)


def add_define_cases(cases: CaseList) -> None:
    cases.add_all(
        "define",
        [
            '{{ define "a" }}A{{ end }}{{ template "a" }}',
            '{{ define "a" }}[{{ . }}]{{ end }}{{ template "a" .Secrets.K1 }}',
            '{{ define "a" }}[{{ . }}]{{ end }}{{ template "a" }}',
            '{{ template "nope" }}',
            '{{ template "nope" .Secrets.NOPE }}',
            "{{ template }}",
            "{{ template .X }}",
            "{{ template a }}",
            '{{ define "a" }}x{{ end }}{{ template "a" 1 2 }}',
            '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}{{ template "a" }}',
            '{{ define "a" }}{{ end }}{{ define "a" }}y{{ end }}{{ template "a" }}',
            '{{ define "a" }}x{{ end }}{{ define "a" }}{{ end }}{{ template "a" }}',
            '{{ define "a" }}   {{ end }}{{ define "a" }}y{{ end }}{{ template "a" }}',
            '{{ block "b" . }}default{{ end }}',
            '{{ block "b" .Secrets.K1 }}[{{ . }}]{{ end }}',
            '{{ block "b" . }}x{{ end }}{{ define "b" }}y{{ end }}',
            '{{ define "b" }}y{{ end }}{{ block "b" . }}x{{ end }}',
            '{{ block "b" }}x{{ end }}',
            "{{ block }}x{{ end }}",
            '{{ block "b" . }}x',
            (
                '{{ define "r" }}{{ if . }}{{ . }}|{{ template "r" (slice . 1) }}'
                '{{ end }}{{ end }}{{ template "r" "abcd" }}'
            ),
            '{{ define "a" }}{{ template "a" }}{{ end }}{{ template "a" }}',
            (
                '{{ define "a" }}{{ template "b" }}{{ end }}'
                '{{ define "b" }}{{ template "a" }}{{ end }}{{ template "a" }}'
            ),
            '{{ template "t" }}',
            '{{ define "t" }}x{{ end }}',
            'a{{ define "t" }}x{{ end }}',
            '{{ define "a" }}x{{ end }}',
            ' {{ define "a" }}x{{ end }} ',
            '{{ define "a" }}x{{ end }}\n',
            "{{ define a }}x{{ end }}",
            '{{ define "a" 1 }}x{{ end }}',
            '{{ if 1 }}{{ define "a" }}x{{ end }}{{ end }}',
            '{{ define "a" }}x{{ end }}{{ end }}',
            '{{ define "a" }}x',
            "{{ define `a` }}raw{{ end }}{{ template `a` }}",
            '{{ define "" }}empty name{{ end }}{{ template "" }}',
            '{{ define "a" }}{{ .NOPE }}{{ end }}{{ template "a" .Secrets }}',
            '{{ define "a" }}{{ $.K1 }}{{ end }}{{ template "a" .Secrets }}',
            '{{ define "a" }}{{ $.Secrets.K1 }}{{ end }}{{ template "a" .Secrets }}',
            '{{ define "a" }}\n\n{{ .X }\n{{ end }}',
            '{{ define "a" }}{{ .K1 }}{{ end }}{{ template "a" print "x" }}',
            '{{ define "a" }}{{ . }}{{ end }}{{ template "a" print "x" "y" }}',
            '{{ define "a" }}{{ . }}{{ end }}{{ template "a" .Secrets.K1 | len }}',
            '{{- define "a" -}}\n  trimmed\n{{- end -}}\n{{ template "a" }}',
            '{{ define "a" }}{{ break }}{{ end }}',
            (
                '{{ define "a" }}{{ range 2 }}{{ break }}{{ end }}ok{{ end }}'
                '{{ template "a" }}'
            ),
            '{{ template "a" }}{{ define "a" }}late{{ end }}',
            '{{ define "a" }}{{ $x }}{{ end }}',
            '{{ $x := 1 }}{{ template "a" $x }}{{ define "a" }}{{ . }}{{ end }}',
            '{{ define "a" }}{{ define "b" }}{{ end }}{{ end }}',
            '{{ define "a" }}x{{ else }}y{{ end }}',
            '{{ template "a" }}',
            '{{ template "a" . . }}',
            '{{ template "a" | print }}',
            '{{ template "a\\x62" }}{{ define "ab" }}escaped{{ end }}',
            '{{ define "a" }}{{ .Secrets.NOPE }}{{ end }}{{ template "a" . }}',
            '{{ define "a" }}{{ template "a" 1 2 }}{{ end }}',
            '{{ define "%d" }}{{ .NOPE }}{{ end }}{{ template "%d" .Secrets }}',
            '{{ block "b" . }}{{ .Secrets.NOPE }}{{ end }}',
        ],
    )
    cases.add(
        "define",
        '{{ define "a" }}{{ .X }}{{ end }}{{ template "a" . }}',
        name="deploy.env",
    )
    cases.add("define", '{{ define "deploy.env" }}inner{{ end }}', name="deploy.env")


def add_literal_cases(cases: CaseList) -> None:
    strings = [
        r'{{ "\n" }}|',
        r'{{ "\t\r" }}|',
        r'{{ "\x41\x42" }}',
        r'{{ "\u00e9\U0001F600" }}',
        r'{{ "\101\102" }}',
        r'{{ "\a\b\f\v\\\"" }}',
        r"{{ " + '"' + r"\'" + '"' + " }}",
        r'{{ "\q" }}',
        r'{{ "\xZZ" }}',
        r'{{ "\400" }}',
        r'{{ "\uD800" }}',
        r'{{ "\U00110000" }}',
        r'{{ "\xff" }}',
        r'{{ "\xc3\xa9" }}',
        r'{{ "\x00" }}',
        '{{ "abc }}',
        '{{ "ab\nc" }}',
        '{{ "ab\\\nc" }}',
        '{{ "" }}|',
        '{{ "日本語" }}',
        '{{ "\udcff" }}',
        '{{ "{{ .Secrets.K1 }}" }}',
        '{{ "a}}b" }}',
        '{{ "a\\' + '" }}',
        "{{ `a\\nb` }}",
        "{{ `line1\nline2` }}{{ .Secrets.NOPE }}",
        "{{ `a\r\nb` }}",
        "{{ `abc }}",
        "{{ `` }}|",
        '{{ `"q"` }}',
        "{{ `}}` }}",
        "{{ '\\'' }}",
        "{{ 'a' }}",
        "{{ '\\n' }}",
        "{{ '\\x41' }}",
        "{{ '日' }}",
        "{{ '\\u00e9' }}",
        "{{ 'ab' }}",
        "{{ '' }}",
        "{{ 'a }}",
        "{{ '\\q' }}",
        "{{ '\\\"' }}",
        "{{ '\"' }}",
        "{{ print 'a' }}",
        "{{ printf \"%c\" 'a' }}",
        "{{ '\udcff' }}",
    ]
    cases.add_all("literal", strings)
    numbers = [
        "0",
        "42",
        "-42",
        "+42",
        "0x1F",
        "0X1f",
        "0o17",
        "0O17",
        "017",
        "0b101",
        "0B101",
        "1_000",
        "0x_1F",
        "0b_1",
        "0o_7",
        "0_7",
        "1__0",
        "_1",
        "1_",
        "0x",
        "0b",
        "0o",
        "0b2",
        "0o8",
        "08",
        "09.5",
        "0x1g",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "1e3",
        "1.5",
        ".5",
        "5.",
        "-0.0",
        "1e-3",
        "1E+3",
        "1e",
        "1e+",
        "1.5.5",
        "0x1p-2",
        "0x1.8p1",
        "0x1P+2",
        "0x1p",
        "0x.8p0",
        "1_0.5",
        "1_000.000_1",
        "1e400",
        "-1e400",
        "4.9e-324",
        "1e-400",
        "0.1i",
        "1i",
        "2i",
        "0i",
        "1+2i",
        "1-2i",
        "1.5+0.5i",
        "0x10i",
        "1e3i",
        "1+2",
        "1+",
        "1-",
        "--1",
        "+-1",
        "0.000001",
        "1e100",
        "123456789.0",
        "1e20",
        "1e21",
        "100000000000000000000",
        "0x7fffffffffffffff",
        "0x8000000000000000",
        "-0x8000000000000000",
        "0b" + "1" * 63,
        "0b1" + "0" * 63,
        "1.",
        "1.e2",
        ".e2",
        "0x1.",
        "1_000_000",
        "0X_ABCdef",
        "0xg",
        "1a",
        "1.5a",
        "9e9999999999",
    ]
    for number in numbers:
        cases.add("number", "{{ " + number + " }}")
    for number in ("1.5", "1e3", "0x1p-2", "2i", "1+2i", "'a'", "0x10", "1e21"):
        cases.add("number", "{{ print " + number + " }}")
        cases.add("number", '{{ printf "%T" ' + number + " }}")
    cases.add_all(
        "literal",
        [
            "{{ true }}",
            "{{ false }}",
            "{{ print true false }}",
            "{{ nil }}",
            "{{ print nil }}",
            "{{ nil 1 }}",
            "{{ true 1 }}",
            '{{ printf "%T" nil }}',
            '{{ printf "%T" true }}',
            '{{ printf "%T" "s" }}',
            '{{ printf "%T" .Secrets }}',
            '{{ printf "%T" .Secrets.K1 }}',
            '{{ printf "%T" . }}',
            "{{ 1 2 }}",
            '{{ "a" 1 }}',
            "{{ (1) 2 }}",
            "{{ true false }}",
            "{{ 'a' 1 }}",
            "{{ truex }}",
            "{{ True }}",
            "{{ NIL }}",
        ],
    )


def add_logic_cases(cases: CaseList) -> None:
    logic = [
        "{{ and 1 0 }}",
        "{{ and 1 2 }}",
        "{{ and 0 2 }}",
        "{{ and }}",
        "{{ and 1 }}",
        '{{ and "" .Secrets.NOPE }}',
        "{{ and 1 .Secrets.NOPE }}",
        "{{ and .Secrets.K1 .Secrets.k2 }}",
        "{{ and .Secrets.EMPTY .Secrets.K1 }}",
        "{{ or 1 0 }}",
        "{{ or 0 2 }}",
        '{{ or 0 "" }}',
        "{{ or }}",
        "{{ or 0 }}",
        "{{ or 1 .Secrets.NOPE }}",
        "{{ or 0 .Secrets.NOPE }}",
        '{{ or .Secrets.NOPE "default" }}',
        '{{ or .Secrets.EMPTY "default" }}',
        "{{ not 1 }}",
        "{{ not 0 }}",
        '{{ not "" }}',
        "{{ not }}",
        "{{ not 1 2 }}",
        "{{ not .Secrets.NOPE }}",
        "{{ not .Secrets.EMPTY }}",
        "{{ not nil }}",
        "{{ and 1 (or 0 2) (not 0) }}",
        "{{ or (and 0 1) 3 }}",
        '{{ and (len "a") (len 1) }}',
        "{{ or 1 (len 1) }}",
        "{{ and 1 2 | print }}",
        "{{ and .Secrets.K1 (print .Secrets.NOPE) }}",
    ]
    cases.add_all("logic", logic)


def add_comparison_cases(cases: CaseList) -> None:
    compare = [
        "{{ eq 1 1 }}",
        '{{ eq "a" "a" }}',
        '{{ eq 1 "a" }}',
        "{{ eq 1 2 1 }}",
        "{{ eq 1 2 3 }}",
        "{{ eq 1 }}",
        "{{ eq }}",
        "{{ eq 1.0 1 }}",
        '{{ eq .Secrets.K1 "v1" }}',
        "{{ eq nil nil }}",
        "{{ eq .Secrets .Secrets }}",
        "{{ eq true true }}",
        "{{ eq true 1 }}",
        "{{ eq 'a' 97 }}",
        "{{ eq 1i 1i }}",
        "{{ eq 1.5 1.5 }}",
        "{{ eq 1 nil }}",
        '{{ eq "a" nil }}',
        '{{ eq .Secrets.NOPE "x" }}',
        '{{ eq "a" 1 "a" }}',
        '{{ eq "b" "a" 1 }}',
        "{{ eq . . }}",
        '{{ eq (len "ab") 2 }}',
        "{{ eq 9223372036854775807 -1 }}",
        "{{ ne 1 2 }}",
        "{{ ne 1 1 }}",
        "{{ ne 1 2 3 }}",
        "{{ ne 1 }}",
        '{{ ne "a" 1 }}',
        "{{ ne nil nil }}",
        "{{ ne .Secrets .Secrets }}",
        "{{ lt 1 2 }}",
        "{{ lt 2 1 }}",
        '{{ lt "a" "b" }}',
        '{{ lt "b" "a" }}',
        "{{ lt 1.5 2.5 }}",
        "{{ lt 1 2.5 }}",
        "{{ lt true false }}",
        "{{ lt 1 }}",
        "{{ lt }}",
        "{{ lt 1 2 3 }}",
        "{{ lt nil 1 }}",
        "{{ lt 1i 2i }}",
        "{{ lt .Secrets .Secrets }}",
        "{{ lt 'a' 'b' }}",
        "{{ lt -1 0 }}",
        "{{ le 1 1 }}",
        "{{ le 2 1 }}",
        '{{ le "a" "a" }}',
        '{{ le 1 "a" }}',
        "{{ le true true }}",
        "{{ gt 2 1 }}",
        "{{ gt 1 2 }}",
        '{{ gt "b" "a" }}',
        "{{ gt 1.5 1 }}",
        "{{ gt }}",
        "{{ gt nil nil }}",
        "{{ ge 1 1 }}",
        "{{ ge 0 1 }}",
        '{{ ge "" "" }}',
        "{{ ge 2.0 2.0 }}",
        "{{ ge 1 }}",
        "{{ lt .Secrets.K1 .Secrets.k2 }}",
        '{{ gt .Secrets.NUM "5" }}',
        "{{ lt 9223372036854775807 -9223372036854775808 }}",
        "{{ eq 0x10 16 }}",
        "{{ eq 0.1 1e-1 }}",
        "{{ lt 'a' 98 }}",
        '{{ eq "é" "\\u00e9" }}',
        '{{ lt "Z" "a" }}',
        '{{ lt "a" "é" }}',
    ]
    cases.add_all("compare", compare)


def add_len_index_slice_cases(cases: CaseList) -> None:
    length = [
        '{{ len "abc" }}',
        "{{ len .Secrets }}",
        "{{ len .Secrets.UNICODE }}",
        "{{ len 3 }}",
        "{{ len }}",
        "{{ len nil }}",
        '{{ len "" }}',
        '{{ len "a" "b" }}',
        "{{ len .Secrets.NOPE }}",
        "{{ len . }}",
        "{{ len true }}",
        "{{ len 1.5 }}",
        "{{ len .Secrets.MULTI }}",
        '{{ len "\\xff" }}',
        "{{ len 'a' }}",
    ]
    cases.add_all("len", length)

    index = [
        '{{ index .Secrets "K1" }}',
        '{{ index .Secrets "NOPE" }}|',
        '{{ index "abc" 1 }}',
        '{{ index "abc" 5 }}',
        '{{ index "abc" 3 }}',
        '{{ index "abc" -1 }}',
        "{{ index .Secrets 1 }}",
        '{{ index "abc" "x" }}',
        "{{ index 1 1 }}",
        "{{ index nil 1 }}",
        "{{ index .Secrets }}",
        "{{ index }}",
        '{{ index .Secrets "K1" 0 }}',
        "{{ index .Secrets.UNICODE 1 }}",
        '{{ index .Secrets "db-pass" }}',
        '{{ index . "Secrets" "K1" }}',
        '{{ index . "Secrets" "NOPE" "x" }}',
        '{{ index "abc" 1.0 }}',
        '{{ index "abc" nil }}',
        "{{ index \"abc\" 'a' }}",
        '{{ index "abc" true }}',
        '{{ index "abc" 9223372036854775807 }}',
        '{{ index "abc" 0x1 }}',
        "{{ index .Secrets nil }}",
        '{{ index .Secrets "" }}|',
        "{{ index .Secrets.NOPE 0 }}",
        '{{ index "" 0 }}',
        "{{ index true 0 }}",
        '{{ index "abc" 1 2 }}',
        '{{ printf "%c" (index "abc" 1) }}',
        '{{ index .Secrets (print "K" 1) }}',
        '{{ index .Secrets "K1" | len }}',
        "{{ index .Secrets .Secrets.NOPE }}",
        '{{ index "ab" 1i }}',
    ]
    cases.add_all("index", index)
    cases.add("index", '{{ index .Secrets "db-pass" }}', {"db-pass": "hyphen"})

    slicing = [
        '{{ slice "abcdef" 1 3 }}',
        '{{ slice "abc" }}',
        '{{ slice "abc" 1 }}',
        '{{ slice "abc" 1 2 3 }}',
        '{{ slice "abc" 2 1 }}',
        '{{ slice "abc" 5 }}',
        '{{ slice "abc" 3 }}|',
        '{{ slice "abc" 0 3 }}',
        '{{ slice "abc" 0 4 }}',
        "{{ slice 1 1 }}",
        "{{ slice .Secrets 1 }}",
        "{{ slice nil }}",
        '{{ slice "abc" 1 2 3 4 }}',
        '{{ slice "é" 0 1 }}',
        '{{ slice "é" 1 }}',
        "{{ slice }}",
        '{{ slice "abc" -1 }}',
        '{{ slice "abc" "1" }}',
        "{{ slice .Secrets.K1 1 }}",
        "{{ slice .Secrets.NOPE 1 }}",
        '{{ slice "abc" 1.5 }}',
        '{{ slice "abc" nil }}',
        "{{ slice .Secrets }}",
        "{{ slice true }}",
        '{{ slice "" 0 0 }}|',
        '{{ slice "abc" 1 1 }}|',
        '{{ slice "abc" 0x1 }}',
        '{{ len (slice "abcdef" 2) }}',
    ]
    cases.add_all("slice", slicing)


def add_print_cases(cases: CaseList) -> None:
    printing = [
        "{{ print 1 2 }}",
        '{{ print "a" "b" }}',
        '{{ print "a" 1 "b" }}',
        "{{ print 1 2.5 true nil }}",
        "{{ print }}|",
        "{{ print .Secrets.K1 1 }}",
        "{{ print 1 .Secrets.K1 2 }}",
        "{{ print 'a' 'b' }}",
        "{{ print 1i 2 }}",
        '{{ print "" "" }}|',
        "{{ print nil nil }}",
        '{{ print true "x" true }}',
        "{{ println 1 2 }}",
        '{{ println "a" "b" }}',
        "{{ println }}",
        "{{ println .Secrets.MULTI }}",
        "{{ println nil }}",
        "{{ print .Secrets.NOPE }}",
        "{{ println .Secrets.NOPE }}",
        "{{ print 0.1 1e21 1e20 }}",
        "{{ print -0.0 }}",
        "{{ print 1e-7 }}",
        "{{ print 0x10 0o10 0b10 }}",
        "{{ print . }}",
    ]
    cases.add_all("print", printing, SMALL_SECRETS | {"K1": "v1", "MULTI": "a\nb"})

    formats = [
        '"%s" .Secrets.K1',
        '"%q" .Secrets.QUOTES',
        '"%v" .Secrets.K1',
        '"%d" 42',
        '"%x" 255',
        '"%X" 255',
        '"%f" 1.5',
        '"%t" true',
        '"%%"',
        '"%5s|" "ab"',
        '"%-5s|" "ab"',
        '"%05d" 42',
        '"%+d" 42',
        '"%x" "hi"',
        '"% x" "hi"',
        '"%#x" 255',
        '"%.2f" 3.14159',
        '"%8.3f|" 3.14159',
        '"%e" 1234.5678',
        '"%g" 1234.5678',
        '"%o" 8',
        '"%b" 5',
        '"%c" 65',
        '"%U" 65',
        '"%q" 65',
        '"%d" "abc"',
        '"%s"',
        '"%s" "a" 1',
        '"%!" 1',
        '"%z" 1',
        '"%*d" 5 42',
        '"%[2]d %[1]d" 1 2',
        '"%[3]d" 1',
        '"%v" .Secrets',
        '"%+v" .Secrets',
        '"%#v" .Secrets',
        '"%T" .Secrets',
        '"%6.2f|" 3.14159',
        '"%-8q|" "a"',
        '"%x" -255',
        '"%t" "x"',
        '"%s" nil',
        '"%d" nil',
        '"%.3s" "abcdef"',
        '"%5.1s|" "abc"',
        "",
        "1",
        '"%"',
        '"%d %d" 1',
        '"%d" 1 2 3',
        '"%s" .Secrets.NOPE',
        '"%q" .Secrets.UNICODE',
        '"%q" .Secrets.MULTI',
        '"%+q" .Secrets.UNICODE',
        '"%#q" "a`b"',
        '"%#q" "ab"',
        '"%x" .Secrets.UNICODE',
        '"%X" "é"',
        '"%v" nil',
        '"%v" 1.5',
        '"%v" 1e21',
        '"%v" 1i',
        '"%d" 1.5',
        '"%f" 1',
        '"%s" 1',
        '"%s" true',
        '"%v|%v" "" ""',
        '"%10.4v|" 3.14159',
        '"%-10d|" 42',
        '"%+.2e" 12345.678',
        '"% d" 42',
        '"%#o" 8',
        '"%#b" 5',
        '"%08.3f" -3.5',
        '"%+q" "é"',
        '"%c" 0xD800',
        '"%c" -1',
        '"%q" "\\xff"',
        '"%s" "\\xff"',
        '"%x" "\\xff"',
        '"%5t|" true',
        '"%.0f" 2.5',
        '"%.0f" 3.5',
        '"%g" 1e21',
        '"%g" 1e-7',
        '"%G" 1e-7',
        '"%E" 1.0',
        '"%.3g" 1234.5678',
        '"%d%%" 50',
        '"%[1]s %[1]s" "x"',
        '"%[0]d" 1',
        '"%[x]d" 1',
        '"%.*d" 3 7',
        '"%-*d|" 4 7',
        '"%v %v" .Secrets.K1',
        '"%s" .Secrets.MULTI',
        '"%5.2q" "abc"',
        '"%U" 0x1F600',
        '"%#U" 0x1F600',
        '"%x" 1.5',
        '"%t" 1',
        '"%p" 1',
        '"%w" 1',
        '"%s %s" "a" "b" "c" "d"',
        '"%!s" 1',
        '"%%d" 1',
        '"%3c|" 65',
        '"%-3c|" 65',
        '"%010s|" "ab"',
        '"%.1q" "日本"',
        '"%.2s" "日本語"',
        '"%5s|" "日本"',
        '"%v" .',
        "\"%d\" 'a'",
        "\"%s\" 'a'",
        '"%x" "" ',
        '"%T %T" 1 1.0',
        '"%v" 9223372036854775807',
        '"%d" 0x7fffffffffffffff',
        '"%v" -0.0',
        '"%.2f%%" 99.5',
        '"%6.3v|" "abcdef"',
        '"%#v" "q\\"s"',
        '"%#v" 1.0',
        '"%#v" 1',
        '"%#v" nil',
        '"%#v" true',
        "\"%#v\" 'a'",
    ]
    for args in formats:
        cases.add("printf", "{{ printf " + args + " }}")


def add_escape_and_call_cases(cases: CaseList) -> None:
    escapes = [
        '{{ html "<a href=\'x\'>&\\"</a>" }}',
        "{{ html 1 }}",
        "{{ html }}|",
        '{{ html "a" "b" }}',
        "{{ html .Secrets.HTML }}",
        '{{ html "\\x00" }}',
        "{{ html nil }}",
        '{{ html 1 "<" nil }}',
        '{{ html "é ✓" }}',
        '{{ js "a\'b\\"c<d>&=\\n\\\\" }}',
        '{{ js "é ✓ 日本" }}',
        '{{ js "\\u2028\\u2029" }}',
        '{{ js "\\x01\\x1f\\x7f" }}',
        "{{ js 1 2 }}",
        "{{ js }}|",
        "{{ js .Secrets.QUOTES }}",
        '{{ js "`" }}',
        '{{ js "\\xff" }}',
        '{{ js "\\t\\r" }}',
        "{{ js nil }}",
        '{{ js "+" }}',
        '{{ urlquery "a b&c=d/é?#" }}',
        "{{ urlquery 1 2 }}",
        "{{ urlquery }}|",
        "{{ urlquery .Secrets.API_URL }}",
        '{{ urlquery "~-._" }}',
        '{{ urlquery "\\x00\\xff" }}',
        "{{ urlquery nil }}",
        '{{ html "<" | urlquery | js }}',
        "{{ .Secrets.HTML | html }}",
        '{{ html (print "<" 1) }}',
        "{{ html .Secrets.NOPE }}",
    ]
    cases.add_all("escape", escapes)

    calls = [
        "{{ call }}",
        "{{ call .Secrets.K1 }}",
        "{{ call nil }}",
        "{{ call 1 }}",
        "{{ call .Secrets.NOPE }}",
        "{{ call .Secrets }}",
        '{{ call "print" 1 }}',
        "{{ call print }}",
        "{{ call . }}",
        "{{ call $ 1 }}",
        "{{ foo }}",
        "{{ .Secrets.K1 | foo }}",
        '{{ env "HOME" }}',
        '{{ readFile "/etc/passwd" }}',
        '{{ include "x" . }}',
        "{{ default 1 }}",
        "{{ upper .Secrets.K1 }}",
        "{{ Print 1 }}",
        "{{ PRINT 1 }}",
        "{{ .Secrets.len }}",
        "{{ and.X }}",
        "{{ print.X }}",
        "{{ len.X }}",
        "{{ ünknown }}",
        "{{ if foo }}{{ end }}",
        "{{ $x := foo }}",
        "{{ print (foo) }}",
        '{{ getenv "PATH" }}',
        '{{ exec "ls" }}',
    ]
    cases.add_all("call", calls)


def add_parse_error_cases(cases: CaseList) -> None:
    cases.add_all(
        "parse-error",
        [
            "a\nb\n{{ .Secrets.K1 }\n",
            "{{ .Secrets.K1 }",
            "{{ .Secrets.K1 } }}",
            "{{ 1 }",
            "{{ end }}",
            "{{ range }}",
            "{{ define }}",
            "{{ block }}",
            "{{ $a, $b := 1 }}",
            "{{ , }}",
            "{{ 1, 2 }}",
            "{{ # }}",
            "{{ @ }}",
            "{{ ; }}",
            "{{ [ }}",
            "{{ ] }}",
            "{{ ! }}",
            "{{ ~ }}",
            "{{ % }}",
            "{{ ^ }}",
            "{{ & }}",
            "{{ * }}",
            "{{ / }}",
            "{{ \\ }}",
            "{{ ? }}",
            "{{ < }}",
            "{{ { }}",
            "{{ } }}",
            "{{ \x00 }}",
            "{{\x00}}",
            '{{ "\x00" }}',
            "{{ \x01 }}",
            "{{ \x7f }}",
            "{{ \udcff }}",
            "{{ \udcc3x }}",
            "{{ é }}",
            "{{ \u00a0 }}",
            "{{ \u200b }}",
            "{{ ✓ }}",
            "{{ ' }}",
            '{{ " }}',
            "{{ ` }}",
            "{{ ( }}",
            "{{ ) }}",
            "{{ | }}",
            "{{ 1 | }}",
            "{{",
            "{{ 1",
            '{{ "a}}',
            "{{ 'a }}",
            "{{ `a }}",
            "{{ else if 1 }}",
            "{{ if 1 }}{{ else }}",
            "{{ range 1 }}{{ else }}{{ else }}{{ end }}",
            "{{ with 1 }}{{ end }}{{ else }}",
            "line1\nline2\n{{ if 1 }}\nline4",
            "line1\r\nline2\r\n{{ .Secrets.K1 }\r\n",
            "{{ 1 }}\n{{ 2 }}\n{{ 3 }}\n{{ ) }}",
            "{{ print\n\n\n) }}",
            "{{ `raw\nstring` }}{{ ) }}",
            '{{ "a" "b }}',
            "{{ .Secrets.K1 | }}",
            "{{ .Secrets.K1 }}{{",
            "{{ .Secrets.K1 }}{{ ",
            "{{ .Secrets.K1 }}{{ -",
            "{{ .Secrets.K1 }}{{ :",
            "{{ :x }}",
            "{{ $x := 1 }}{{ $x : }}",
            "{{ .Secrets.K1 := 1 }}",
            "{{ print := 1 }}",
            "{{ 1 = 1 }}",
            "{{ $x $y := 1 }}",
            '{{ if 1 }}{{ define "a" }}{{ end }}',
            "{{ end 1 }}",
            '{{ template "a" }}{{ end }}',
            "{{ range $x := }}{{ end }}",
            "{{ range $x, := 1 }}{{ end }}",
            "{{ range $x, $y }}{{ end }}",
            "{{ range 1, 2 }}{{ end }}",
            "{{ range $x 1 }}{{ end }}",
            "{{ $ x }}",
            "{{ $-x := 1 }}",
            "{{ .-x }}",
            "{{ .x- }}",
            "{{ .x.y. }}",
            "{{ .. }}",
            "{{ ... }}",
            "{{ .  x }}",
            "{{ $x. }}",
            "{{ if 1 }}{{ else if 1 }}{{ else }}{{ else if 1 }}{{ end }}",
            "{{ with 1 }}{{ else with 1 }}{{ else }}{{ else with 1 }}{{ end }}",
            "{{ 1 }}{{ 2 }}}} {{ 3 }",
        ],
    )
    cases.add("parse-error", "{{ .Secrets.K1 }", name="deploy.env")
    cases.add("parse-error", "key: {{ .Secrets.K1\n", name="values.yaml")
    cases.add("parse-error", "{{ if 1 }}", name="déploy.env")
    cases.add("parse-error", "{{ ) }}", name='with"quote')
    cases.add("parse-error", "x" * 100000 + "{{ ) }}")
    cases.add("parse-error", "{{ print " + "1 " * 20000 + ")}}")


def add_exec_error_cases(cases: CaseList) -> None:
    cases.add_all(
        "exec-error",
        [
            "a\r\n{{ .Secrets.K1 }}\r\n{{ .Secrets.NOPE }}\r\n",
            "line1\nline2\nline3\nline4\n    {{ .Secrets.NOPE }}",
            '{{ index   "abc"   5 }}',
            '{{ index (print "a" "b") 5 }}',
            "{{ index `abc` 5 }}",
            '{{ index "abc" 0x05 }}',
            '{{ index "日本語日本語日本語日本語" 100 }}',
            '{{ index "abcdefghijklmnopqrstuvwxyz" 100 }}',
            '{{ index "abcdefghijklmnop" 100 }}',
            '{{ index "abcdefghijklmn" 100 }}',
            '{{ printf "%d" .Secrets.NOPE }}',
            '{{ printf "%d%%" (len 1) }}',
            "{{ (.Secrets).NOPE }}",
            "{{ $x := .Secrets }}{{ $x.NOPE }}",
            "{{ with .Secrets }}{{ .NOPE }}{{ end }}",
            "{{ len 3 | print }}",
            "{{ print (len 3) }}",
            "{{ if len 3 }}{{ end }}",
            "{{ range len 3 }}{{ end }}",
            '{{ .Secrets.K1 | printf "%s" | len | index "abc" }}',
            "{{ printf 1 }}",
            "{{ printf nil }}",
            "{{ printf .Secrets }}",
            "{{ index .Secrets 1.5 }}",
            "{{ html .Secrets.NOPE }}",
            "{{ eq .Secrets.K1 1 }}",
            "{{ lt .Secrets.K1 1 }}",
            "{{ slice .Secrets.K1 9 }}",
            "{{ not .Secrets.NOPE }}",
            "{{ .Secrets.NOPE }}{{ .Secrets.K1 }}",
            "{{ .Secrets.K1 }}{{ .Secrets.NOPE }}",
            "\n\n\n\n\n\n\n\n\n\n{{ .Secrets.NOPE }}",
            "{{ 1 }}\n{{ 2 }}\n{{ len 3 }}",
            "{{ range 3 }}\n{{ if eq . 2 }}{{ len . }}{{ end }}{{ end }}",
            '{{ define "a" }}\n\n{{ len . }}{{ end }}{{ template "a" 1 }}',
            '{{ template "a" 1 }}\n{{ define "a" }}{{ .X }}{{ end }}',
            '{{ print "%d" (len 1) }}',
            '{{ print "a%sb" .Secrets.NOPE }}',
            '{{ index "%d%s%v" 10 }}',
        ],
    )
    cases.add("exec-error", "{{ .Secrets.NOPE }}", name="déploy.env")
    cases.add("exec-error", "{{ .Secrets.NOPE }}", name='with"quote')
    cases.add("exec-error", "{{ .Secrets.NOPE }}", name="tab\tname")
    cases.add("exec-error", "x" * 60000 + "{{ .Secrets.NOPE }}")
    cases.add("exec-error", "{{ .Secrets.NOPE }}", name="values.yaml")
    cases.add("exec-error", "env: {{ .Secrets.NOPE }}\n", name="deploy.env")


def add_secret_value_cases(cases: CaseList) -> None:
    binary = {"BIN": "\udcff\udcfe", "NUL": "a\x00b", "CR": "a\r\nb"}
    cases.add_all(
        "secret-value",
        [
            "{{ .Secrets.BIN }}",
            "{{ len .Secrets.BIN }}",
            '{{ printf "%q" .Secrets.BIN }}',
            "{{ .Secrets.NUL }}",
            '{{ printf "%q" .Secrets.NUL }}',
            "{{ js .Secrets.NUL }}",
            "{{ .Secrets.CR }}",
            "{{ html .Secrets.CR }}",
            "{{ urlquery .Secrets.BIN }}",
            '{{ range $k, $v := .Secrets }}{{ $k }}={{ printf "%q" $v }};{{ end }}',
            "{{ .Secrets }}",
        ],
        binary,
    )
    cases.add_all(
        "secret-value",
        [
            "{{ .Secrets.BRACES }}",
            '{{ printf "%q" .Secrets.BRACES }}',
            "{{ .Secrets.DOLLAR }}",
            "{{ js .Secrets.DOLLAR }}",
            '{{ printf "%q" .Secrets.DOLLAR }}',
            '{{ printf "%q" .Secrets.UNICODE }}',
            '{{ printf "%+q" .Secrets.UNICODE }}',
            "{{ html .Secrets.QUOTES }}",
            "{{ js .Secrets.MULTI }}",
            "{{ urlquery .Secrets.UNICODE }}",
            "{{ len .Secrets.EMPTY }}",
            '{{ printf "[%s]" .Secrets.EMPTY }}',
            '{{ printf "%5s|%-5s|" .Secrets.EMPTY .Secrets.K1 }}',
            "{{ slice .Secrets.UNICODE 0 2 }}",
            "{{ index .Secrets.UNICODE 0 }}",
            "{{ print .Secrets.MULTI .Secrets.MULTI }}",
            "{{ println .Secrets.K1 .Secrets.k2 }}",
            "{{ .Secrets.SPACES | len }}",
            '{{ printf "%v" .Secrets.QUOTES }}',
            '{{ printf "%x" .Secrets.DOLLAR }}',
            '{{ printf "%d" .Secrets.NUM }}',
        ],
    )


def add_missing_value_cases(cases: CaseList) -> None:
    # `index` on a map returns the zero value for a missing key instead of
    # failing, and for the root map that zero value is a nil interface, which
    # Go prints as "<no value>" and treats as nil data in later steps.
    cases.add_all(
        "no-value",
        [
            '{{ index . "Nope" }}',
            '{{ print (index . "Nope") }}',
            '{{ printf "%v|%s|%d" (index . "Nope") (index . "Nope") 1 }}',
            '{{ if index . "Nope" }}y{{ else }}n{{ end }}',
            '{{ index . "Nope" | len }}',
            '{{ (index . "Nope").X }}',
            '{{ $x := index . "Nope" }}{{ $x.Y }}',
            '{{ $x := index . "Nope" }}{{ $x }}',
            '{{ with index . "Nope" }}x{{ else }}none{{ end }}',
            '{{ eq (index . "Nope") nil }}',
            '{{ call (index . "Nope") }}',
            '{{ index (index . "Nope") 1 }}',
            '{{ slice (index . "Nope") }}',
            '{{ range index . "Nope" }}x{{ else }}empty{{ end }}',
            '{{ template "a" (index . "Nope") }}{{ define "a" }}{{ . }}{{ end }}',
            '{{ not (index . "Nope") }}',
            '{{ and (index . "Nope") 1 }}',
            '{{ or (index . "Nope") 1 }}',
            '{{ html (index . "Nope") }}',
            '{{ js (index . "Nope") }}',
            '{{ urlquery (index . "Nope") }}',
            '{{ println (index . "Nope") }}',
            '{{ index . "Nope" "x" }}',
            '{{ lt (index . "Nope") 1 }}',
            '{{ printf "%T" (index . "Nope") }}',
            '{{ index .Secrets "NOPE" | len }}',
            '{{ printf "%q" (index .Secrets "NOPE") }}',
            '{{ (index . "Secrets").K1 }}',
            '{{ (index . "Secrets").NOPE }}',
            "{{ range $k, $v := $ }}{{ $k }}{{ end }}",
            "{{ range $k, $v := . }}{{ len $v }}{{ end }}",
            "{{ range 1 }}{{ $ }}{{ end }}",
        ],
        SMALL_SECRETS | {"K1": "v1"},
    )


def add_value_type_cases(cases: CaseList) -> None:
    # `index` on a string gives a uint8, and `and`/`or` return one of their
    # arguments, so these check Go's mixed int/uint comparisons and printing.
    cases.add_all(
        "value-type",
        [
            '{{ index "a" 0 }}',
            '{{ eq (index "a" 0) 97 }}',
            '{{ eq (index "a" 0) -1 }}',
            '{{ lt (index "a" 0) -1 }}',
            '{{ gt (index "a" 0) -1 }}',
            '{{ lt -1 (index "a" 0) }}',
            '{{ eq 97 (index "a" 0) }}',
            '{{ le (index "a" 0) 97 }}',
            '{{ eq (index "a" 0) 97.0 }}',
            '{{ eq (index "a" 0) (index "a" 0) }}',
            '{{ printf "%T" (index "a" 0) }}',
            '{{ printf "%c" (index "é" 0) }}',
            '{{ printf "%q" (index "a" 0) }}',
            '{{ printf "%x %X %o %b %U" (index "a" 0) 255 8 5 (index "a" 0) }}',
            '{{ printf "%T" (slice "abc" 1) }}',
            '{{ printf "%T" (len "abc") }}',
            '{{ and 1 "x" }}',
            '{{ printf "%T" (and 1 "x") }}',
            '{{ or 0 "" }}|',
            '{{ printf "%T" (or 0 "") }}',
            '{{ printf "%T" (eq 1 1) }}',
            '{{ printf "%T" (print 1) }}',
            '{{ printf "%T" (html 1) }}',
            "{{ print 1 2.5 'a' }}",
            "{{ print 1+2i 1.5i }}",
            '{{ printf "%v %.2f" 1+2i 1.5+2.25i }}',
            '{{ printf "%x" 1.5 }}',
            '{{ printf "%b" 1.0 }}',
            '{{ printf "%d" .Secrets }}',
            '{{ printf "%s" .Secrets }}',
            '{{ printf "%x" .Secrets }}',
            '{{ printf "%q" .Secrets }}',
            '{{ printf "%5v|" .Secrets }}',
            '{{ printf "%*d|" -5 42 }}',
            '{{ printf "%-05d|" 42 }}',
            '{{ printf "%+05d|" 42 }}',
            '{{ printf "%#08x|" 255 }}',
            '{{ printf "%.0d|" 0 }}',
            '{{ printf "%.10d" 42 }}',
            '{{ printf "%6.2s|" "abcdef" }}',
            '{{ printf "%#g" 1.0 }}',
            '{{ printf "%#.3x" "abc" }}',
            '{{ printf "%5v|%-5t|" true false }}',
            '{{ printf "%#U" -1 }}',
            '{{ printf "%#q" "\\x01" }}',
            '{{ printf "% x" "héllo" }}',
            '{{ printf "% X" 255 }}',
            '{{ printf "%e %E %.0e" 0.0 1e-10 5.5 }}',
            '{{ printf "%g %g %g %g" 100000.0 1000000.0 1e-4 1e-5 }}',
            '{{ printf "%v %v %v" 1e6 1e20 1e21 }}',
            '{{ printf "%.3v %.10v" 3.14159 3.14159 }}',
            '{{ printf "%08.3e" 3.14159 }}',
            '{{ printf "%+v %+d %+s" 1 -1 "x" }}',
            '{{ printf "%v" 0x1p-1074 }}',
            '{{ printf "%v" 1.7976931348623157e308 }}',
            '{{ printf "%d" -9223372036854775808 }}',
            '{{ printf "%x" -9223372036854775808 }}',
            '{{ printf "%c%c%c" 0x1F600 0x10FFFF 0x110000 }}',
            '{{ printf "%q" 0x110000 }}',
            '{{ printf "%s %v %d" "a" }}',
            '{{ printf "%[2]s %s" "a" "b" }}',
            '{{ printf "%[2]*[1]d|" 12 5 }}',
            '{{ printf "%.[2]d" 1 }}',
            '{{ printf "%-+ #0d" 1 }}',
            '{{ printf "%ll" 1 }}',
            '{{ printf "%.-1d" 1 }}',
            '{{ printf "%1000000000d" 1 }}',
            '{{ printf "%.1000000000d" 1 }}',
            '{{ printf "%v" "\\u2028" | js }}',
            '{{ urlquery "a" 1 }}',
            '{{ html "a" 1 "<" }}',
            '{{ js 1 "a" 2 }}',
            '{{ print "a" 1 2 "b" }}',
        ],
    )


def add_position_cases(cases: CaseList) -> None:
    # Line and column of exec errors: columns are byte offsets within the
    # line, and trimmed or commented newlines still count as lines.
    cases.add_all(
        "position",
        [
            "a\n\n{{- .Secrets.NOPE }}",
            "\t\t{{ .Secrets.NOPE }}",
            "é{{ .Secrets.NOPE }}",
            "{{ `a\nb` }}{{ .Secrets.NOPE }}",
            "{{ if 0 }}\n{{ else if .Secrets.NOPE }}{{ end }}",
            "{{ if 0 }}{{ else if len 1 }}{{ end }}",
            "{{ with 0 }}{{ else with len 1 }}{{ end }}",
            "{{ range $i := 2 }}\n  {{ if $i }}{{ len $i }}{{ end }}{{ end }}",
            "{{- \n .Secrets.NOPE \n -}}",
            "{{ print 1\n  2\n  (len 3) }}",
            "{{ print (print (print (len 3))) }}",
            "{{ 1 }}{{ 2 }}{{ 3 }}{{ .Secrets.K1.X }}",
            "{{ $x := 1 }}{{ $x = len 1 }}",
            "{{ $x := 1 }}\r\n{{ $x.Y }}",
            '{{ define "a" }}\n{{ len 1 }}{{ end }}\n{{ template "a" }}',
            '{{ template "a" }}{{ define "a" }}{{ template "b" }}{{ end }}',
            '\n\n{{ template "nope" }}',
            '{{ block "b" . }}\n{{ len 1 }}{{ end }}',
            "{{ range .Secrets.K1 }}{{ end }}",
            "{{ range $k, $v := 1 }}{{ end }}",
            '{{ printf "%d" }}{{ .Secrets.NOPE }}',
            "{{ .Secrets.EMPTY }}{{ .Secrets.NOPE }}",
            "{{ print   1   2   (   len   3   )   }}",
            '{{ index .Secrets (print "%d" 1) 0 }}',
            '{{ index .Secrets.K1 (len "abcdefghijklmnopqrstuvwxyz") }}',
            '{{ eq 1 "\u65e5\u672c\u8a9e\u65e5\u672c\u8a9e\u65e5\u672c\u8a9e" }}',
            '{{ eq 1 "\u65e5\u672c\u8a9e\u65e5\u672c\u8a9e\u65e5\u672c\u8a9e\u65e5" }}',
            "{{ eq 1 `raw string that is long enough` }}",
            "{{ (len 3) }}",
            "{{ $.Secrets.K1.X.Y.Z }}",
        ],
    )


def add_template_name_cases(cases: CaseList) -> None:
    # Go formats parse-error prefixes and exec-error locations with the
    # template name inside the format string, so a "%" in the name garbles
    # Go's message. These cases record what Go 1.27 does with such names.
    cases.add("name-percent", "{{ ) }}", name="100%.env")
    cases.add("name-percent", "{{ .Secrets.NOPE }}", name="100%.env")
    cases.add("name-percent", "{{ len 1 }}", name="%d.env")
    cases.add("name-percent", "{{ if 1 }}", name="%s")
    cases.add("name-percent", "ok", name="100%.env")
    cases.add("name", "{{ if 1 }}", name="")
    cases.add("name", "{{ .Secrets.NOPE }}", name="")
    cases.add("name", "{{ .Secrets.NOPE }}", name="a\nb")
    cases.add("name", "{{ ) }}", name="a\nb")
    cases.add("name", "{{ .Secrets.NOPE }}", name="日本.env")
    cases.add("name", "{{ .Secrets.NOPE }}", name="dir/sub/values.yaml")
    cases.add("name", '{{ template "x" }}', name="x")


def add_keyword_and_key_cases(cases: CaseList) -> None:
    # Keywords are only keywords at the start of an action, so they are valid
    # field and variable names. Keys that are not identifiers are reachable
    # through `index` and `range`.
    cases.add_all(
        "keyword",
        [
            "{{ .Secrets.end }}",
            "{{ .Secrets.if }}",
            "{{ .Secrets.range.x }}",
            "{{ .nil }}",
            "{{ .true }}",
            "{{ $if := 1 }}{{ $if }}",
            "{{ $end := 2 }}{{ $end }}",
            "{{ $nil := 3 }}{{ $nil }}",
            "{{ print if }}",
            "{{ print end }}",
            "{{ 1 | if }}",
            "{{ if 1 }}x{{end}}",
            "{{if 1}}x{{ else}}y{{end}}",
            "{{ if 1 }}x{{- end}}",
            "{{ if 0 }}x{{else -}}  y{{end}}",
            "{{ if 0 }}x{{ elseif 1 }}y{{ end }}",
            "{{ if 0 }}x{{ else\nif 1 }}y{{ end }}",
            "{{ end-}}",
            "{{ else-}}",
            "{{ range-}}",
            "{{ break-}}",
        ],
    )
    odd_keys = {"db-pass": "h", "1KEY": "d", "with space": "s", "": "e", "é": "a"}
    cases.add_all(
        "odd-key",
        [
            "{{ range $k, $v := .Secrets }}[{{ $k }}={{ $v }}]{{ end }}",
            '{{ index .Secrets "" }}',
            '{{ index .Secrets "with space" }}',
            '{{ index .Secrets "1KEY" }}',
            "{{ .Secrets }}",
            "{{ .Secrets.é }}",
            "{{ len .Secrets }}",
        ],
        odd_keys,
    )


def add_deep_structure_cases(cases: CaseList) -> None:
    # Go's parser and executor recurse without a Python-style stack limit;
    # these shapes must not fail with RecursionError in the interpreter.
    cases.add("deep", "{{ if 1 }}" * 10000 + "deep" + "{{ end }}" * 10000)
    cases.add("deep", "{{ with 1 }}" * 10000 + "{{ . }}" + "{{ end }}" * 10000)
    cases.add("deep", "{{ range 1 }}" * 5000 + "{{ . }}" + "{{ end }}" * 5000)
    cases.add(
        "deep",
        "{{ if 0 }}" + "{{ else if 0 }}" * 5000 + "{{ else }}last{{ end }}",
    )
    cases.add(
        "deep",
        '{{ define "r" }}{{ if . }}{{ template "r" (slice . 1) }}{{ end }}'
        '{{ end }}{{ template "r" "' + "x" * 5000 + '" }}done',
    )
    cases.add(
        "deep",
        '{{ define "r" }}{{ if . }}{{ len . }},{{ template "r" (slice . 1) }}'
        '{{ end }}{{ end }}{{ template "r" "' + "x" * 300 + '" }}',
    )
    cases.add("deep", "{{ $x := 0 }}" * 5000 + "{{ $x }}")
    cases.add("deep", "{{ print " + '"a" ' * 10000 + "}}")
    cases.add("deep", "{{ and " + "1 " * 10000 + "}}")
    cases.add("deep", "{{ 1 }}" * 20000)
    cases.add("deep", "{{/* c */}}" * 20000 + "end")
    cases.add("deep", "{{ if 1 }}" * 10001 + "deep" + "{{ end }}" * 10001)
    cases.add("deep", "{{ print " + "(print " * 10000 + "1" + ")" * 10000 + " }}")


def add_byte_cases(cases: CaseList) -> None:
    # Bytes that are not valid UTF-8 (written as lone surrogates) and
    # characters outside the BMP, in text, literals and function arguments.
    cases.add_all(
        "bytes",
        [
            "\ufeff{{ .Secrets.K1 }}",
            "{{ \ufeff }}",
            "a\u2028{{ .Secrets.NOPE }}",
            "a\rb{{ .Secrets.NOPE }}",
            "{{ 😀 }}",
            "😀{{ .Secrets.NOPE }}",
            "{{ `\udcff` }}",
            '{{ "\udcff" | printf "%q" }}',
            '{{ printf "%x" "\udcff" }}',
            '{{ len "\udcff" }}',
            '{{ slice "\udcff\udcfe" 1 }}',
            '{{ index "\udcff" 0 }}',
            '{{ js "\udcff" }}',
            '{{ html "\udcff" }}',
            '{{ urlquery "\udcff" }}',
            '{{ printf "%-5s|%5s|" "\udcff" "\udcff" }}',
            '{{ printf "%.1s|" "\udcffabc" }}',
            '{{ printf "%c" (index "\udcff" 0) }}',
            '{{ eq "\udcff" "\\xff" }}',
            '{{ lt "\udcff" "\udcfe" }}',
            '{{ lt "\uffff" "\udcff" }}',
            '{{ printf "%q" "😀" }}',
            '{{ printf "%+q" "😀" }}',
            "{{ printf \"%U\" '😀' }}",
            '{{ js "😀" }}',
            '{{ len "😀" }}',
            "{{ .Secrets.NOPE }}\udcff",
            "\udcff\n{{ ) }}",
            '{{ "\udcff }}',
            "{{/* \udcff",
            "{{ $\udcff := 1 }}",
            "{{ .\udcff }}",
            "{{ .Secrets.K\udcff }}",
        ],
    )


def add_syntax_detail_cases(cases: CaseList) -> None:
    # Separators, chains on parenthesised values and delimiters inside
    # comments and strings.
    cases.add_all(
        "syntax",
        [
            "{{/* }} */}}x",
            "{{/* {{ */}}x",
            "{{/* a */}}\r\n{{- /* b */ -}}\r\ny",
            "{{\tprint\t1\t2\t}}",
            "{{\rprint\r1\r}}",
            "{{\n\n print 1 \n\n}}",
            "{{ print () }}",
            "{{ (1) | print }}",
            "{{ ($).Secrets.K1 }}",
            "{{ ($).Secrets.NOPE }}",
            '{{ (index . "Secrets").K1.X }}',
            "{{ $x := $ }}{{ $x.Secrets.K1 }}",
            "{{ $x := $ }}{{ $x.Secrets.NOPE }}",
            '{{ $.Secrets.K1 | printf "%s" | printf "%q" }}',
            "{{ (.Secrets.K1) }}",
            "{{ ( .Secrets.K1 ) }}",
            "{{ (.Secrets.K1 | print) }}",
            "{{ print (.Secrets.K1) (.Secrets.k2) }}",
            "{{ print(1) }}",
            "{{ print(1)(2) }}",
            "{{ (print)(1) }}",
            "{{ print 1(2) }}",
            '{{ print "a""b" }}',
            '{{ print 1"a" }}',
            "{{ print .Secrets.K1.Secrets }}",
            "{{ $x := 1 }}{{ print $x$x }}",
            "{{ print $.Secrets.K1$.Secrets.k2 }}",
            "{{ print .Secrets.K1.Secrets.K1 }}",
            "{{ .Secrets.K1|len|print }}",
            "{{ .Secrets.K1||len }}",
            "{{ print 1 2 | }}",
            "{{ 1|print }}",
            "{{ -1|print }}",
            "{{ - 1 }}",
            "{{ +1 }}",
            "{{ ++1 }}",
            "{{ 1e+1 }}",
            "{{ 1e-1 }}",
            "{{ 0x1e+1 }}",
            "{{ 0x1p+1 }}",
            "{{ 1_2_3 }}",
            "{{ 0_1 }}",
            "{{ 00 }}",
            "{{ 0.0e0 }}",
            "{{ .5e1 }}",
            "{{ 1.e1 }}",
            "{{ 'a'1 }}",
            "{{ '\\u00' }}",
            "{{ '\\U0010ffff' }}",
            "{{ '\\U00110000' }}",
            "{{ '\\777' }}",
            "{{ '\\377' }}",
            '{{ "\\777" }}',
            '{{ "\\377" }}',
        ],
    )


def add_argument_type_cases(cases: CaseList) -> None:
    # printf's format is the only builtin parameter with a static type
    # (string); the other builtins take any value. Piped values become the
    # last argument, so arity errors can come from the pipe.
    cases.add_all(
        "argument",
        [
            "{{ printf true }}",
            "{{ printf 1.5 }}",
            "{{ printf 'a' }}",
            "{{ printf (1) }}",
            "{{ printf $ }}",
            "{{ printf .Nope }}",
            "{{ $x := 1 }}{{ printf $x }}",
            "{{ printf .Secrets.K1 }}",
            '{{ printf (index . "Nope") }}',
            "{{ printf 2i }}",
            "{{ 1 | printf }}",
            '{{ "%d" | printf }}',
            '{{ 1 | printf "%d-%d" 2 }}',
            "{{ 1 | not 2 }}",
            '{{ "x" | len "y" }}',
            "{{ 1 | eq }}",
            "{{ 1 | lt }}",
            "{{ 1 | lt 2 3 }}",
            '{{ "a" | index }}',
            '{{ 1 | index "abc" }}',
            '{{ "abc" | slice }}',
            '{{ 1 | slice "abc" }}',
            '{{ "x" | call }}',
            "{{ .Secrets | len }}",
            "{{ .Secrets | index }}",
            "{{ 1 | and 0 }}",
            "{{ 0 | or 1 }}",
            '{{ printf "%d" 18446744073709551615 }}',
            '{{ index "abc" 18446744073709551615 }}',
            "{{ not 18446744073709551615 }}",
            "{{ eq 1.5 18446744073709551615 }}",
            "{{ eq 18446744073709551615 18446744073709551615 }}",
            "{{ print 9223372036854775808 }}",
            "{{ if 9223372036854775808 }}y{{ end }}",
            "{{ $x := 9223372036854775808 }}",
            '{{ slice "abc" true }}',
            "{{ index .Secrets true }}",
            '{{ index .Secrets "K1" "x" }}',
            "{{ len (print) }}",
            "{{ html | len }}",
            "{{ len | not }}",
            "{{ not | not }}",
        ],
    )


def build_cases() -> list[dict]:
    """Return every hand-written case, in a stable order."""
    cases = CaseList()
    add_text_cases(cases)
    add_trim_cases(cases)
    add_comment_cases(cases)
    add_field_cases(cases)
    add_variable_cases(cases)
    add_pipeline_cases(cases)
    add_if_cases(cases)
    add_with_cases(cases)
    add_range_cases(cases)
    add_define_cases(cases)
    add_literal_cases(cases)
    add_logic_cases(cases)
    add_comparison_cases(cases)
    add_len_index_slice_cases(cases)
    add_print_cases(cases)
    add_escape_and_call_cases(cases)
    add_parse_error_cases(cases)
    add_exec_error_cases(cases)
    add_secret_value_cases(cases)
    add_missing_value_cases(cases)
    add_value_type_cases(cases)
    add_position_cases(cases)
    add_template_name_cases(cases)
    add_keyword_and_key_cases(cases)
    add_deep_structure_cases(cases)
    add_byte_cases(cases)
    add_syntax_detail_cases(cases)
    add_argument_type_cases(cases)
    return cases.cases
