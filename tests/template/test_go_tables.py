"""Lexer, parser and executor edge cases, each checked against Go's result.

The expected outputs and messages were produced by Go 1.27's text/template
with missingkey=error and the data `{"Secrets": SECRETS}`, template name "t".
They are kept here so the tests run without Go.
"""

from __future__ import annotations

import pytest

from distr_secrets.template import ExecError, ParseError, parse

SECRETS = {"A": "x", "B": "", "C": "multi\nline", "N": "42"}

OUTPUTS = [
    ("{{ 1 }}}", "1}"),
    ("{{ 1_000 }}", "1000"),
    (
        "{{ 0b101 }} {{ 0o17 }} {{ 017 }} {{ 0x1p4 }} {{ 1e3 }} {{ 1.5e-3 }} {{ -0 }} {{ +5 }}",
        "5 15 15 16 1000 0.0015 0 5",
    ),
    ("{{ 9223372036854775807 }}", "9223372036854775807"),
    ("{{ 1i }} {{ 2+3i }} {{ 1.5i }} {{ 0i }}", "(0+1i) (2+3i) (0+1.5i) (0+0i)"),
    ("{{ . }}", "map[Secrets:map[A:x B: C:multi\nline N:42]]"),
    ("{{ .Secrets }}", "map[A:x B: C:multi\nline N:42]"),
    ("{{ $ }}", "map[Secrets:map[A:x B: C:multi\nline N:42]]"),
    ("{{ $x := 1 }}{{ $x }}", "1"),
    ('{{ $x := 1 }}{{ $x = "a" }}{{ $x }}', "a"),
    ("{{ range .Secrets }}{{ . }},{{ end }}", "x,,multi\nline,42,"),
    (
        "{{ range $i, $v := .Secrets }}{{ $i }}={{ $v }},{{ else }}none{{ end }}",
        "A=x,B=,C=multi\nline,N=42,",
    ),
    ("{{ range 0 }}x{{ else }}empty{{ end }}", "empty"),
    ("{{ range -3 }}x{{ else }}empty{{ end }}", "empty"),
    ("{{ range $i := 3 }}{{ $i }}{{ end }}", "012"),
    (
        "{{ range 5 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}",
        "013",
    ),
    ("{{ with .Secrets.A }}{{ . }}{{ else }}no{{ end }}", "x"),
    ("{{ with .Secrets.B }}{{ . }}{{ else with .Secrets.A }}A={{ . }}{{ end }}", "A=x"),
    ("{{ if .Secrets.B }}b{{ else if .Secrets.A }}a{{ end }}", "a"),
    ('{{ define "x" }}X{{ end }}{{ template "x" }}', "X"),
    ('{{ define "x" }}{{ end }}{{ define "x" }}Y{{ end }}{{ template "x" }}', "Y"),
    ('{{ block "b" . }}B{{ .Secrets.A }}{{ end }}', "Bx"),
    ("{{ and 1 2 }} {{ or 0 3 }} {{ 0 | and 1 }} {{ 5 | or 0 }}", "2 3 0 5"),
    ('{{ eq "a" "a" "b" }} {{ eq 1 2 1 }} {{ ne 1 2 }}', "true true true"),
    ("{{ eq nil nil }}", "true"),
    (
        '{{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}',
        "true true true false",
    ),
    ('{{ len .Secrets }} {{ len .Secrets.A }} {{ len "héllo" }}', "4 1 6"),
    ('{{ index .Secrets "A" }} {{ index .Secrets "ZZ" }}|', "x |"),
    ('{{ index . "Secrets" "A" }}', "x"),
    ('{{ index . "nope" }}', "<no value>"),
    ('{{ index "abc" 1 }}', "98"),
    ('{{ index "abc" }}', "abc"),
    (
        '{{ slice "abcdef" 1 3 }} {{ slice "abcdef" 2 }} {{ slice "abcdef" }}',
        "bc cdef abcdef",
    ),
    ('{{ print 1 2 "a" "b" 3 nil }}', "1 2ab3 <nil>"),
    ('{{ println 1 "a" }}', "1 a\n"),
    (
        '{{ printf "%d %s %v %q %x %X %f %t %%" 1 "s" 1.5 "q" 255 "hi" 2.5 true }}',
        '1 s 1.5 "q" ff 6869 2.500000 true %',
    ),
    ('{{ printf "%d" "str" }}', "%!d(string=str)"),
    ('{{ printf "%s" }}', "%!s(MISSING)"),
    ('{{ printf "%s" 1 2 }}', "%!s(int=1)%!(EXTRA int=2)"),
    ("{{ printf .Secrets.A }}", "x"),
    ('{{ "%s" | printf }}', "%!s(MISSING)"),
    (
        '{{ html "<x>" 1 nil }} {{ js "a\'b" nil }} {{ urlquery "a b" 1 }}',
        "&lt;x&gt;1&lt;no value&gt; a\\'b\\u003Cno value\\u003E a+b1",
    ),
    ('{{ .Secrets.A | printf "%s-%s" "z" }}', "z-x"),
    ("{{ $.Secrets.A }}", "x"),
    ("{{ (.Secrets).A }}", "x"),
    ('{{ .Secrets.A | len | printf "%03d" }}', "001"),
    ("{{ 1 | }}", "1"),
    ('{{ $x := 1 | printf "%d" }}{{ $x }}', "1"),
    ("{{ 3 }}{{/* c */}}{{ 4 }}", "34"),
    ("{{- /* c */ -}}  x", "x"),
    ("a {{- 1 -}} b", "a1b"),
    ("a {{-1}} b", "a -1 b"),
    ("a {{ -1 }} b", "a -1 b"),
    ("{{ 1 -}}", "1"),
    ('{{ "\\x00" }}', "\x00"),
    ('{{ ("x") }}', "x"),
    (
        "{{ 1.5 }} {{ 1e21 }} {{ 1e20 }} {{ 0.000001 }} {{ 1e-7 }} {{ 3.0 }}",
        "1.5 1e+21 1e+20 1e-06 1e-07 3",
    ),
    (
        "{{ 'a' }} {{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ 'é' }}",
        "97 10 65 233 233",
    ),
    ("{{ printf \"%c\" 'é' }}", "é"),
    ('{{ "a\\tb\\u00e9\\x41\\101" }}', "a\tbéAA"),
    ("{{ `raw\\n` }}", "raw\\n"),
    ("{{ range . }}{{ end }}", ""),
    ('{{ "a\\nb" }}', "a\nb"),
    ("{{\n.Secrets.A\n}}", "x"),
    ('{{ define "x" }}{{ . }}{{ end }}{{ template "x" 1 | printf "%d!" }}', "1!"),
    ("{{ if $x := 0 }}{{ else }}{{ $x }}{{ end }}", "0"),
    ("{{ with $x := .Secrets.A }}{{ $x }}{{ . }}{{ end }}", "xx"),
    ("{{ $x := 1 }}{{ range 2 }}{{ $x = 5 }}{{ end }}{{ $x }}", "5"),
    ("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "21"),
    (
        "{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = .Secrets }}{{ end }}{{ $i }}{{ $e }}",
        "N42",
    ),
    ("{{ $i := 0 }}{{ range $i = 4 }}{{ end }}{{ $i }}", "3"),
    ("{{ $ := 1 }}{{ $ }}", "1"),
    ('{{ printf "%s" .Secrets.A 1 | printf "%s" }}', "x%!(EXTRA int=1)"),
    ('{{ printf "%v" . }}', "map[Secrets:map[A:x B: C:multi\nline N:42]]"),
    ("{{ or .Secrets.A .Secrets.NOPE }}", "x"),
    ('{{ eq .Secrets.A "x" }}', "true"),
    ('{{ index .Secrets.A 0 | printf "%c" }}', "x"),
    ('{{ printf "%s" (index "abc" 0) }}', "%!s(uint8=97)"),
    ('{{ printf "%d" (index "abc" 0) }}', "97"),
    ('{{ printf "%v" (index "abc" 0) }}', "97"),
    ('{{ eq (index "abc" 0) 97 }}', "true"),
    ('{{ lt (index "abc" 0) 98 }}', "true"),
    ('{{ eq 97 (index "abc" 0) }}', "true"),
    ('{{ range (index "abc" 0) }}{{ end }}', ""),
    ('{{ (index "abc" 0) }}', "97"),
    ("{{ 1 | eq 1 }}", "true"),
    ("{{ eq 1 1 | not }}", "false"),
    ('{{ "a" | eq "b" "a" }}', "false"),
    ("{{ not 1 | not }}", "true"),
    ('{{ "x" | html }}', "x"),
    ("{{ 1 | print 2 }}", "2 1"),
    ("{{ print }}|", "|"),
    ("{{ println }}|", "\n|"),
    ("{{ html }}|", "|"),
    (
        '{{ printf "%5s|%-5s|%05d|%x|%.2f|%e|%g" "a" "b" 42 "hi" 3.14159 1234.5 0.00001 }}',
        "    a|b    |00042|6869|3.14|1.234500e+03|1e-05",
    ),
    ('{{ printf "%!" }}', "%!!(MISSING)"),
    ('{{ printf "%z" 1 }}', "%!z(int=1)"),
    ('{{ printf "%d %d" 1 }}', "1 %!d(MISSING)"),
    ('{{ printf "%[2]d %[1]d" 1 2 }}', "2 1"),
    ('{{ printf "%*d" 5 1 }}', "    1"),
    ('{{ printf "%v %v" nil true }}', "<nil> true"),
    ("{{ printf \"%q\" 'x' }}", "'x'"),
    ('{{ printf "%x" -255 }}', "-ff"),
    ('{{ printf "%08.3f" -3.14159 }}', "-003.142"),
    ('{{ printf "%+d % d" 5 5 }}', "+5  5"),
    ('{{ printf "%#x %#o" 255 8 }}', "0xff 010"),
    ('{{ printf "%s" .Secrets }}', "map[A:x B: C:multi\nline N:42]"),
    (
        '{{ printf "%d" .Secrets }}',
        "map[%!d(string=A):%!d(string=x) %!d(string=B):%!d(string=) %!d(string=C):%!d(string=multi\nline) %!d(string=N):%!d(string=42)]",
    ),
    ('{{ printf "%.3s" "abcdef" }}', "abc"),
    ('{{ printf "%t" 1 }}', "%!t(int=1)"),
    ('{{ printf "%c|%U" 65 65 }}', "A|U+0041"),
    ('{{ printf "%v" 1e21 }} {{ printf "%v" 100000000000000000000.0 }}', "1e+21 1e+20"),
    ('{{ printf "%v" 2+0i }}', "(2+0i)"),
    (
        "{{ 2+0i }} {{ 0x10 }} {{ 0X1P-2 }} {{ 1_0.5 }} {{ 0_7 }} {{ 0b_1 }} {{ 0x_f }}",
        "(2+0i) 16 0.25 10.5 7 1 15",
    ),
    ("{{ 1e1_0 }}", "1e+10"),
    ("{{ .5 }} {{ 5. }} {{ -.5 }}", "0.5 5 -0.5"),
    ('{{ "\\xff" }}', "\udcff"),
    ('{{ \'"\' }} {{ "\\"" }}', '34 "'),
    ("a  {{- .Secrets.A -}}  b", "axb"),
    ("a  {{- .Secrets.A  -}}  b", "axb"),
    (
        "{{ $.Secrets.A }}|{{ $ }}|{{ . }}",
        "x|map[Secrets:map[A:x B: C:multi\nline N:42]]|map[Secrets:map[A:x B: C:multi\nline N:42]]",
    ),
    ('{{ . | printf "%v" }}', "map[Secrets:map[A:x B: C:multi\nline N:42]]"),
    ("{{ .Secrets.A | len }}", "1"),
    ('{{ "a}}b" }}', "a}}b"),
    ('{{ "x" | printf "%s" | len }}', "1"),
    ("{{ if .Secrets.A }}y{{ else }}n{{ end }}", "y"),
    ("{{ range $k, $v := .Secrets }}{{ $k }}{{ end }}", "ABCN"),
    ("{{- if true -}}\n  x\n{{- end -}}", "x"),
    ("{{-  1  -}}", "1"),
    ("{{- 1}}", "1"),
    ("{{1 -}}", "1"),
    ("{{-1}}", "-1"),
    ("{{ .Secrets.A -}}", "x"),
    ("{{ .Secrets.A -}}}", "x}"),
    ("{{ range 2 }}{{ break }}{{ end }}ok", "ok"),
    ('{{ print "a" "b" }}', "ab"),
    ("{{ print 1 2 }}", "1 2"),
    ('{{ print "a" 1 2 "b" }}', "a1 2b"),
]

PARSE_ERRORS = [
    ("{{", "template: t:1: unclosed action"),
    ("{{ .Secrets.A", "template: t:1: unclosed action"),
    ('{{ "abc', "template: t:1: unterminated quoted string"),
    ("{{ `abc", "template: t:1: unterminated raw quoted string"),
    ("{{/* x", "template: t:1: unclosed comment"),
    ("{{/* x */ }}", "template: t:1: comment ends before closing delimiter"),
    ("{{ 'ab' }}", "template: t:1: malformed character constant: 'ab'"),
    ("{{ '' }}", "template: t:1: invalid syntax"),
    ("{{ '\\q' }}", "template: t:1: invalid syntax"),
    ('{{ "\\q" }}', "template: t:1: invalid syntax"),
    ("{{ 08 }}", 'template: t:1: integer overflow: "08"'),
    ("{{ 1e999 }}", 'template: t:1: illegal number syntax: "1e999"'),
    ("{{ 0x }}", 'template: t:1: illegal number syntax: "0x"'),
    ("{{ 1_ }}", 'template: t:1: illegal number syntax: "1_"'),
    ("{{ 1__0 }}", 'template: t:1: illegal number syntax: "1__0"'),
    (
        "{{ 99999999999999999999 }}",
        'template: t:1: integer overflow: "99999999999999999999"',
    ),
    ("{{ $x }}", 'template: t:1: undefined variable "$x"'),
    ("{{ if }}{{ end }}", "template: t:1: missing value for if"),
    (
        "{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}",
        "template: t:1: expected end; found {{else}}",
    ),
    ("{{ end }}", "template: t:1: unexpected {{end}}"),
    ("{{ else }}", "template: t:1: unexpected {{else}}"),
    (
        "{{ range $a, $b, $c := . }}{{ end }}",
        "template: t:1: too many declarations in range",
    ),
    (
        "{{ range $a, 1 }}{{ end }}",
        "template: t:1: range can only initialize variables",
    ),
    ("{{ break }}", "template: t:1: {{break}} outside {{range}}"),
    ("{{ continue }}", "template: t:1: {{continue}} outside {{range}}"),
    (
        '{{ define "x" }}X{{ end }}{{ define "x" }}Y{{ end }}',
        'template: t:1: template: multiple definition of template "x"',
    ),
    (
        '{{ define "t" }}T{{ end }}top',
        'template: t:1: template: multiple definition of template "t"',
    ),
    ("{{ 1 | 2 }}", "template: t:1: non executable command in pipeline stage 2"),
    ('{{ . | "a" }}', "template: t:1: non executable command in pipeline stage 2"),
    ("{{ |  }}", 'template: t:1: unexpected "|" in command'),
    ("{{ $x, $y := 1 }}", "template: t:1: too many declarations in command"),
    ("{{ true.x }}", 'template: t:1: unexpected . after term "true"'),
    ('{{ "a".x }}', 'template: t:1: unexpected . after term "\\"a\\""'),
    ("{{ .x. }}", "template: t:1: unexpected <.> in operand"),
    ("{{ foo }}", 'template: t:1: function "foo" not defined'),
    ("{{ @ }}", 'template: t:1: unexpected "@" in command'),
    ("{{ if true }}x{{ end", "template: t:1: unclosed action"),
    ("{{ if true }}x", "template: t:1: unexpected EOF"),
    ("{{ 1 }}\n{{ 2 }}\n{{ if", "template: t:3: unclosed action"),
    ("{{ 1 }}\n{{ 2 }}\n{{ if }}", "template: t:3: missing value for if"),
    ("a\n{{ if 1 }}\nb\n", "template: t:4: unexpected EOF"),
    ("{{ .Secrets.A\n", "template: t:2: unclosed action started at t:1"),
    ("{{ .Secrets.A )", "template: t:1: unexpected right paren"),
    ("{{ ( .Secrets.A }}", "template: t:1: unclosed left paren"),
    ("{{ (( 1 ) }}", "template: t:1: unclosed left paren"),
    ("{{ ) }}", "template: t:1: unexpected right paren"),
    ("{{ 1 ) }}", "template: t:1: unexpected right paren"),
    ("{{ $x := }}", "template: t:1: missing value for command"),
    ("{{ := }}", 'template: t:1: unexpected ":=" in command'),
    ("{{ = }}", 'template: t:1: unexpected "=" in command'),
    ("{{ : }}", "template: t:1: expected :="),
    ("{{ , }}", 'template: t:1: unexpected "," in command'),
    ("{{ 1, 2 }}", 'template: t:1: unexpected "," in operand'),
    ("{{ $x , }}", "template: t:1: too many declarations in command"),
    ("{{ define }}", 'template: t:1: unexpected "}}" in define clause'),
    ('{{ define "a" }}', "template: t:1: unexpected EOF"),
    ("{{ define a }}{{ end }}", 'template: t:1: unexpected "a" in define clause'),
    (
        '{{ define "a" }}{{ else }}{{ end }}',
        "template: t:1: unexpected {{else}} in define clause",
    ),
    ('{{ block "a" }}{{ end }}', "template: t:1: missing value for block clause"),
    (
        '{{ block "a" . }}{{ else }}{{ end }}',
        "template: t:1: unexpected {{else}} in block clause",
    ),
    ("{{ template }}", 'template: t:1: unexpected "}}" in template clause'),
    ("{{ template x }}", 'template: t:1: unexpected "x" in template clause'),
    ("{{ end 1 }}", 'template: t:1: unexpected "1" in end'),
    ("{{ else 1 }}", 'template: t:1: unexpected "1" in else'),
    ("{{ if 1 }}{{ else 1 }}{{ end }}", 'template: t:1: unexpected "1" in else'),
    ("{{ if 1 }}{{ else if }}{{ end }}", "template: t:1: missing value for if"),
    ("{{ with 1 }}{{ else if 1 }}{{ end }}", "template: t:1: unexpected <if> in input"),
    (
        "{{ if 1 }}{{ else with 1 }}{{ end }}{{ end }}",
        "template: t:1: unexpected <with> in input",
    ),
    (
        "{{ range 1 }}{{ break 1 }}{{ end }}",
        'template: t:1: unexpected "1" in {{break}}',
    ),
    (
        "{{ range 1 }}{{ continue x }}{{ end }}",
        'template: t:1: unexpected "x" in {{continue}}',
    ),
    ("{{ range $x := 3 }}{{ end }}{{ $x }}", 'template: t:1: undefined variable "$x"'),
    (
        "{{ if $x := 1 }}{{ $x }}{{ end }}{{ $x }}",
        'template: t:1: undefined variable "$x"',
    ),
    (
        "{{ range $i, $e := .Secrets }}{{ $i }}{{ end }}{{ $i }}",
        'template: t:1: undefined variable "$i"',
    ),
    ("{{ 1+ }}", 'template: t:1: bad number syntax: "1+"'),
    ("{{ 1+2 }}", 'template: t:1: bad number syntax: "1+2"'),
    ("{{ 1+2j }}", 'template: t:1: bad number syntax: "1+2j"'),
    ('{{ "\\400" }}', "template: t:1: invalid syntax"),
    ('{{ "\\u00" }}', "template: t:1: invalid syntax"),
    ('{{ "\\U00110000" }}', "template: t:1: invalid syntax"),
    ('{{ "\\ud800" }}', "template: t:1: invalid syntax"),
    ("{{ '\\'' }} {{ \"\\'\" }}", "template: t:1: invalid syntax"),
    ("{{ 'ab }}", "template: t:1: unterminated character constant"),
    ("{{ '\\", "template: t:1: unterminated character constant"),
    ("{{ 1a }}", 'template: t:1: bad number syntax: "1a"'),
    ('{{ .A"x" }}', "template: t:1: bad character U+0022 '\"'"),
    ("{{ ..A }}", 'template: t:1: unexpected . after term "."'),
    ("{{ .Secrets. }}", "template: t:1: unexpected <.> in operand"),
    ("{{ -}}", "template: t:1: missing value for command"),
    ("{{ - }}", 'template: t:1: illegal number syntax: "-"'),
    ("{{ .Secrets.A- }}", "template: t:1: bad character U+002D '-'"),
    ('{{ "a" | "b" }}', "template: t:1: non executable command in pipeline stage 2"),
    ('{{ "abc\n"}}', "template: t:1: unterminated quoted string"),
    ("{{ 'a", "template: t:1: unterminated character constant"),
    ("{{ '\n' }}", "template: t:1: unterminated character constant"),
    ("{{ (1 }}", "template: t:1: unclosed left paren"),
    ("{{ \x00 }}", "template: t:1: unrecognized character in action: U+0000"),
    ("{{ \udcff }}", "template: t:1: unrecognized character in action: U+FFFD '�'"),
    ("{{ é }}", 'template: t:1: function "é" not defined'),
    ('{{ $x"y" }}', "template: t:1: bad character U+0022 '\"'"),
    ("a\n{{ 1 \n 2", "template: t:3: unclosed action started at t:2"),
    ("{{ }}", "template: t:1: missing value for command"),
    ("{{ | 1 }}", 'template: t:1: unexpected "|" in command'),
    ("{{ . | . }}", "template: t:1: non executable command in pipeline stage 2"),
    ("{{ nil | nil }}", "template: t:1: non executable command in pipeline stage 2"),
    ("{{ 1.x }}", 'template: t:1: bad number syntax: "1.x"'),
    ("{{ $x := 1 }}{{ $x, }}", "template: t:1: too many declarations in command"),
    ("{{ if 1 }}", "template: t:1: unexpected EOF"),
    (
        "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
        "template: t:1: expected end; found {{else}}",
    ),
    (
        "{{ range 1 }}{{ continue 1 }}{{ end }}",
        'template: t:1: unexpected "1" in {{continue}}',
    ),
    ("{{ if 1 }}{{ break }}{{ end }}", "template: t:1: {{break}} outside {{range}}"),
    ("{{ if 1 }}x{{ end", "template: t:1: unclosed action"),
    ("{{ 1 }}\n\n{{ end }}", "template: t:3: unexpected {{end}}"),
    (
        "{{ if 1 }}\n\n{{ else }}\n{{ else }}",
        "template: t:4: expected end; found {{else}}",
    ),
]

EXEC_ERRORS = [
    (
        "{{ .Secrets.NOPE }}",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "\\n {{ .Secrets.NOPE }}",
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ 18446744073709551615 }}",
        'template: t:1:3: executing "t" at <18446744073709551615>: 18446744073709551615 overflows int',
    ),
    (
        "{{ 9223372036854775808 }}",
        'template: t:1:3: executing "t" at <9223372036854775808>: 9223372036854775808 overflows int',
    ),
    (
        "{{ (1) 2 }}",
        'template: t:1:3: executing "t" at <(1) 2>: can\'t give argument to non-function 1',
    ),
    ("{{ nil }}", 'template: t:1:3: executing "t" at <nil>: nil is not a command'),
    (
        "{{ range $i, $j := 3 }}x{{ end }}",
        'template: t:1:19: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    ),
    (
        "{{ range 1.5 }}{{ end }}",
        'template: t:1:9: executing "t" at <1.5>: range can\'t iterate over 1.5',
    ),
    (
        "{{ range true }}{{ end }}",
        'template: t:1:9: executing "t" at <true>: range can\'t iterate over true',
    ),
    (
        "{{ range nil }}{{ end }}",
        'template: t:1:9: executing "t" at <nil>: nil is not a command',
    ),
    (
        '{{ template "y" }}',
        'template: t:1:12: executing "t" at <{{template "y"}}>: template "y" not defined',
    ),
    (
        '{{ and 1 0 }} {{ or 0 "" }} {{ and }} {{ not 0 }}',
        'template: t:1:31: executing "t" at <and>: wrong number of args for and: want at least 1 got 0',
    ),
    (
        "{{ not }}",
        'template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 0',
    ),
    (
        "{{ not 1 2 }}",
        'template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 2',
    ),
    (
        "{{ eq 1 }}",
        'template: t:1:3: executing "t" at <eq 1>: error calling eq: missing argument for comparison',
    ),
    (
        "{{ eq 1 1.0 }}",
        'template: t:1:3: executing "t" at <eq 1 1.0>: error calling eq: incompatible types for comparison: int and float64',
    ),
    (
        '{{ eq .Secrets "a" }}',
        'template: t:1:3: executing "t" at <eq .Secrets "a">: error calling eq: incompatible types for comparison: map[string]string and string',
    ),
    (
        "{{ lt true false }}",
        'template: t:1:3: executing "t" at <lt true false>: error calling lt: invalid type for comparison',
    ),
    (
        '{{ lt 1 "a" }}',
        'template: t:1:3: executing "t" at <lt 1 "a">: error calling lt: incompatible types for comparison: int and string',
    ),
    (
        "{{ lt nil 1 }}",
        'template: t:1:3: executing "t" at <lt nil 1>: error calling lt: invalid type for comparison',
    ),
    (
        "{{ lt 1+1i 2 }}",
        'template: t:1:3: executing "t" at <lt 1+1i 2>: error calling lt: incompatible types for comparison: complex128 and int',
    ),
    (
        "{{ len 3 }}",
        'template: t:1:3: executing "t" at <len 3>: error calling len: len of type int',
    ),
    (
        "{{ len nil }}",
        'template: t:1:3: executing "t" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value',
    ),
    (
        '{{ index "abc" 3 }}',
        'template: t:1:3: executing "t" at <index "abc" 3>: error calling index: reflect: string index out of range',
    ),
    (
        '{{ index "abc" 4 }}',
        'template: t:1:3: executing "t" at <index "abc" 4>: error calling index: index out of range: 4',
    ),
    (
        '{{ index "abc" -1 }}',
        'template: t:1:3: executing "t" at <index "abc" -1>: error calling index: index out of range: -1',
    ),
    (
        '{{ index "abc" 1.0 }}',
        'template: t:1:3: executing "t" at <index "abc" 1.0>: error calling index: cannot index slice/array with type float64',
    ),
    (
        '{{ index "abc" nil }}',
        'template: t:1:3: executing "t" at <index "abc" nil>: error calling index: cannot index slice/array with nil',
    ),
    (
        "{{ index nil 1 }}",
        'template: t:1:3: executing "t" at <index nil 1>: error calling index: index of untyped nil',
    ),
    (
        "{{ index 3 1 }}",
        'template: t:1:3: executing "t" at <index 3 1>: error calling index: can\'t index item of type int',
    ),
    (
        "{{ index .Secrets 1 }}",
        'template: t:1:3: executing "t" at <index .Secrets 1>: error calling index: value has type int; should be string',
    ),
    (
        "{{ index .Secrets nil }}",
        'template: t:1:3: executing "t" at <index .Secrets nil>: error calling index: value is nil; should be of type string',
    ),
    (
        '{{ slice "abc" 2 1 }}',
        'template: t:1:3: executing "t" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1',
    ),
    (
        '{{ slice "abc" 1 2 3 }}',
        'template: t:1:3: executing "t" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string',
    ),
    (
        '{{ slice "abc" 1 2 3 4 }}',
        'template: t:1:3: executing "t" at <slice "abc" 1 2 3 4>: error calling slice: too many slice indexes: 4',
    ),
    (
        '{{ slice "abc" 5 }}',
        'template: t:1:3: executing "t" at <slice "abc" 5>: error calling slice: index out of range: 5',
    ),
    (
        "{{ slice 1 }}",
        'template: t:1:3: executing "t" at <slice 1>: error calling slice: can\'t slice item of type int',
    ),
    (
        "{{ slice nil }}",
        'template: t:1:3: executing "t" at <slice nil>: error calling slice: slice of untyped nil',
    ),
    (
        "{{ call }}",
        'template: t:1:3: executing "t" at <call>: wrong number of args for call: want at least 1 got 0',
    ),
    (
        "{{ call .Secrets.A }}",
        'template: t:1:3: executing "t" at <call .Secrets.A>: error calling call: non-function .Secrets.A of type string',
    ),
    (
        "{{ call nil }}",
        'template: t:1:3: executing "t" at <call nil>: error calling call: call of nil',
    ),
    (
        '{{ "x" | call }}',
        'template: t:1:9: executing "t" at <call>: error calling call: non-function x of type string',
    ),
    (
        "{{ 1 | call }}",
        'template: t:1:7: executing "t" at <call>: error calling call: non-function <int Value> of type int',
    ),
    (
        "{{ printf 1 }}",
        'template: t:1:10: executing "t" at <1>: expected string; found 1',
    ),
    (
        "{{ printf nil }}",
        'template: t:1:10: executing "t" at <nil>: cannot assign nil to string',
    ),
    (
        "{{ printf }}",
        'template: t:1:3: executing "t" at <printf>: wrong number of args for printf: want at least 1 got 0',
    ),
    (
        "{{ 1 | printf }}",
        'template: t:1:7: executing "t" at <printf>: wrong type for value; expected string; got int',
    ),
    (
        "{{ .Secrets.A 1 }}",
        'template: t:1:11: executing "t" at <.Secrets.A>: A is not a method but has arguments',
    ),
    (
        "{{ .Secrets.A.B }}",
        'template: t:1:11: executing "t" at <.Secrets.A.B>: can\'t evaluate field B in type string',
    ),
    (
        "{{ $.Secrets.NOPE }}",
        'template: t:1:4: executing "t" at <$.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ (.Secrets).NOPE }}",
        'template: t:1:4: executing "t" at <.Secrets>: map has no entry for key "NOPE"',
    ),
    (
        '{{ (index . "x").Foo }}',
        'template: t:1:12: executing "t" at <"x">: nil data; no entry for key "Foo"',
    ),
    (
        "{{ .Secrets.A }}{{ .Secrets.NOPE }}",
        'template: t:1:27: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ template "x" }}{{ define "x" }}{{ .NOPE }}{{ end }}',
        'template: t:1:37: executing "x" at <.NOPE>: nil data; no entry for key "NOPE"',
    ),
    (
        '{{ template "x" .Secrets }}{{ define "x" }}{{ .A }}{{ .NOPE }}{{ end }}',
        'template: t:1:54: executing "x" at <.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ template "x" .Secrets.NOPE }}{{ define "x" }}{{ . }}{{ end }}',
        'template: t:1:24: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if .Secrets.NOPE }}{{ end }}",
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ with .Secrets.A }}{{ .X }}{{ end }}",
        'template: t:1:24: executing "t" at <.X>: can\'t evaluate field X in type string',
    ),
    (
        "{{ .Secrets.A | .Secrets.B }}",
        'template: t:1:24: executing "t" at <.Secrets.B>: B is not a method but has arguments',
    ),
    (
        '{{ ("x").y }}',
        'template: t:1:4: executing "t" at <"x">: can\'t evaluate field y in type string',
    ),
    (
        "{{ len.x }}",
        'template: t:1:3: executing "t" at <len>: wrong number of args for len: want 1 got 0',
    ),
    (
        "{{ print.x }}",
        'template: t:1:3: executing "t" at <print>: can\'t evaluate field x in type string',
    ),
    (
        '{{ "a" "b" }}',
        'template: t:1:3: executing "t" at <"a">: can\'t give argument to non-function "a"',
    ),
    (
        "a\n{{ 1 \n 2 }}",
        'template: t:2:3: executing "t" at <1>: can\'t give argument to non-function 1',
    ),
    ("{{ $x = 1 }}", 'template: t:1:8: executing "t" at <1>: undefined variable: $x'),
    (
        '{{ template "x" 1 2 }}',
        'template: t:1:12: executing "t" at <{{template "x" 1 2}}>: template "x" not defined',
    ),
    (
        "{{ $.Secrets.A.B.C }}",
        'template: t:1:4: executing "t" at <$.Secrets.A.B.C>: can\'t evaluate field B in type string',
    ),
    (
        "{{ .Secrets.A.B.C }}",
        'template: t:1:11: executing "t" at <.Secrets.A.B.C>: can\'t evaluate field B in type string',
    ),
    (
        "{{ .A }}",
        'template: t:1:3: executing "t" at <.A>: map has no entry for key "A"',
    ),
    (
        "{{ .Secrets.A.x 1 }}",
        'template: t:1:11: executing "t" at <.Secrets.A.x>: can\'t evaluate field x in type string',
    ),
    (
        "{{ $.A 1 }}",
        'template: t:1:4: executing "t" at <$.A>: A is not a method but has arguments',
    ),
    (
        "{{ $ 1 }}",
        'template: t:1:3: executing "t" at <$>: can\'t give argument to non-function $',
    ),
    (
        "{{ . 1 }}",
        'template: t:1:3: executing "t" at <.>: can\'t give argument to non-function .',
    ),
    (
        '{{ "a" 1 }}',
        'template: t:1:3: executing "t" at <"a">: can\'t give argument to non-function "a"',
    ),
    (
        "{{ true 1 }}",
        'template: t:1:3: executing "t" at <true>: can\'t give argument to non-function true',
    ),
    (
        "{{ 1.5 1 }}",
        'template: t:1:3: executing "t" at <1.5>: can\'t give argument to non-function 1.5',
    ),
    (
        "{{ print .Secrets.NOPE }}",
        'template: t:1:17: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ and .Secrets.NOPE 1 }}",
        'template: t:1:15: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ not .Secrets.NOPE }}",
        'template: t:1:15: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if and .Secrets.NOPE .Secrets.A }}{{ end }}",
        'template: t:1:18: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if or .Secrets.B .Secrets.NOPE }}{{ end }}",
        'template: t:1:28: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if not .Secrets.NOPE }}{{ end }}",
        'template: t:1:18: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ .Secrets.NOPE | not }}",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ len (index "abc" 0) }}',
        'template: t:1:3: executing "t" at <len (index "abc" 0)>: error calling len: len of type uint8',
    ),
    (
        "a  {{- .Secrets.A\n-}}\n\n  b{{ .Secrets.NOPE }}",
        'template: t:4:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "a  {{- .Secrets.A \n -}}\n\n  b{{ .Secrets.NOPE }}",
        'template: t:4:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        'a\n{{ .Secrets.A\n|\nprintf\n"%s"\n}}\n{{ .Secrets.NOPE }}',
        'template: t:7:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ .Secrets.A }}{{ .NOPE }}",
        'template: t:1:19: executing "t" at <.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ true }}{{ false }}{{ nil }}",
        'template: t:1:24: executing "t" at <nil>: nil is not a command',
    ),
    (
        "{{ 1 2 }}",
        'template: t:1:3: executing "t" at <1>: can\'t give argument to non-function 1',
    ),
    (
        "{{ (1 2) 3 }}",
        'template: t:1:3: executing "t" at <(1 2) 3>: can\'t give argument to non-function 1 2',
    ),
]

# Go output that this implementation rejects on purpose, with the reason.
KNOWN_DEPARTURES = {
    '{{ printf "%T" 1 }}': "%T prints Go type names, which gofmt does not model",
}


def output_cases() -> list[object]:
    cases: list[object] = []
    for source, expected in OUTPUTS:
        reason = KNOWN_DEPARTURES.get(source)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        cases.append(pytest.param(source, expected, marks=marks))
    return cases


@pytest.mark.parametrize(("source", "expected"), output_cases())
def test_output_matches_go(source: str, expected: str) -> None:
    assert parse(source, "t").execute(SECRETS, strict=True) == expected


@pytest.mark.parametrize(("source", "message"), PARSE_ERRORS)
def test_parse_error_matches_go(source: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(source, "t")
    assert str(caught.value) == message


@pytest.mark.parametrize(("source", "message"), EXEC_ERRORS)
def test_exec_error_matches_go(source: str, message: str) -> None:
    template = parse(source, "t")
    with pytest.raises(ExecError) as caught:
        template.execute(SECRETS, strict=True)
    assert str(caught.value) == message


# Number literals that Go's fmt.Sscan (complex) or strconv rejects, and long
# literals, which must stay linear in their length.
NUMBER_CASES = [
    (
        "{{ 1+1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111i }}",
        'template: t:1: strconv.ParseFloat: parsing "+1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111": value out of range',
        False,
    ),
    (
        "{{ 1+1e999i }}",
        'template: t:1: strconv.ParseFloat: parsing "+1e999": value out of range',
        False,
    ),
    (
        "{{ 1e999+1i }}",
        'template: t:1: strconv.ParseFloat: parsing "1e999": value out of range',
        False,
    ),
    (
        "{{ 0x1e+2i }}",
        'template: t:1: strconv.ParseFloat: parsing "0x1e": invalid syntax',
        False,
    ),
    (
        "{{ 1__0+2i }}",
        'template: t:1: strconv.ParseFloat: parsing "1__0": invalid syntax',
        False,
    ),
    ("{{ 0b1+1i }}", "template: t:1: syntax error scanning complex number", False),
    (
        "{{ 1+0x10i }}",
        'template: t:1: strconv.ParseFloat: parsing "+0x10": invalid syntax',
        False,
    ),
    (
        "{{ 0x1p99999+1i }}",
        'template: t:1: strconv.ParseFloat: parsing "0x1p99999": value out of range',
        False,
    ),
    ("{{ 0x1p-2+0x1p3i }}", "(0.25+8i)", True),
    ("{{ 0x1.8p1+0x.8p1i }}", "(3+1i)", True),
    ("{{ 1e3-2e-3i }}", "(1000-0.002i)", True),
    (
        "{{ 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999 }}",
        'template: t:1: illegal number syntax: "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"',
        False,
    ),
    (
        "{{ 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff }}",
        'template: t:1: illegal number syntax: "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"',
        False,
    ),
    (
        "{{ 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999e }}",
        'template: t:1: illegal number syntax: "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999e"',
        False,
    ),
    (
        "{{ 1e-9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999 }}",
        "0",
        True,
    ),
]


@pytest.mark.parametrize(("source", "expected", "renders"), NUMBER_CASES)
def test_number_literal_matches_go(source: str, expected: str, renders: bool) -> None:
    if renders:
        assert parse(source, "t").execute(SECRETS, strict=True) == expected
        return
    with pytest.raises(ParseError) as caught:
        parse(source, "t")
    assert str(caught.value) == expected


def test_long_number_literal_is_linear() -> None:
    # 200,000 digits used to take minutes through big-integer arithmetic and
    # regular-expression backtracking.
    for source in ["{{ " + "9" * 200_000 + " }}", "{{ 0x" + "f" * 200_000 + " }}"]:
        with pytest.raises(ParseError):
            parse(source, "t")
