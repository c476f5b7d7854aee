// Command gen renders conformance cases with Go's text/template and writes
// the golden results that the Python interpreter is tested against.
//
// Usage: gen < cases.json > golden.json
//
// Input is a JSON list of cases {"id", "name", "template", "secrets"}. Each
// output entry repeats the case and adds either "output" or "error" with
// "error_kind" ("parse" or "exec"). Text that is not valid UTF-8 (templates,
// secret values, outputs, errors) is written as {"base64": "..."} so that
// every byte survives the round trip; valid UTF-8 stays a plain JSON string.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/template"
	"time"
	"unicode/utf8"
)

// Text is a byte string that is stored in JSON either as a plain string
// (valid UTF-8) or as {"base64": "..."} (anything else).
type Text string

type encodedText struct {
	Base64 string `json:"base64"`
}

func (t *Text) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var e encodedText
	if err := json.Unmarshal(data, &e); err != nil {
		return fmt.Errorf("text must be a string or {\"base64\": ...}: %w", err)
	}
	raw, err := base64.StdEncoding.DecodeString(e.Base64)
	if err != nil {
		return fmt.Errorf("invalid base64 text: %w", err)
	}
	*t = Text(raw)
	return nil
}

func (t Text) MarshalJSON() ([]byte, error) {
	if utf8.ValidString(string(t)) {
		return marshalNoEscape(string(t))
	}
	return marshalNoEscape(encodedText{Base64: base64.StdEncoding.EncodeToString([]byte(t))})
}

// marshalNoEscape encodes v without Go's default HTML escaping of <, > and &,
// so that the golden file shows templates as they are written.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// caseTimeout bounds the time one case may take to parse and execute.
const caseTimeout = 20 * time.Second

type Case struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Template Text            `json:"template"`
	Secrets  map[string]Text `json:"secrets"`
}

type Result struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Template  Text            `json:"template"`
	Secrets   map[string]Text `json:"secrets"`
	Output    *Text           `json:"output,omitempty"`
	Error     *Text           `json:"error,omitempty"`
	ErrorKind string          `json:"error_kind,omitempty"`
}

// run parses and executes one case the way distr-secrets is specified to:
// missingkey=error, data {"Secrets": map[string]string}.
func run(c Case) Result {
	r := Result{ID: c.ID, Name: c.Name, Template: c.Template, Secrets: c.Secrets}
	tmpl, err := template.New(c.Name).Option("missingkey=error").Parse(string(c.Template))
	if err != nil {
		msg := Text(err.Error())
		r.Error, r.ErrorKind = &msg, "parse"
		return r
	}

	secrets := make(map[string]string, len(c.Secrets))
	for k, v := range c.Secrets {
		secrets[k] = string(v)
	}
	var out bytes.Buffer
	err = tmpl.Execute(&out, map[string]any{"Secrets": secrets})
	if err != nil {
		msg := Text(err.Error())
		r.Error, r.ErrorKind = &msg, "exec"
		return r
	}
	text := Text(out.String())
	r.Output = &text
	return r
}

func sameResult(a, b Result) bool {
	return textEqual(a.Output, b.Output) && textEqual(a.Error, b.Error) && a.ErrorKind == b.ErrorKind
}

func textEqual(a, b *Text) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: failed to read cases:", err)
		os.Exit(1)
	}
	var cases []Case
	if err := json.Unmarshal(input, &cases); err != nil {
		fmt.Fprintln(os.Stderr, "gen: invalid case list:", err)
		os.Exit(1)
	}

	results := make([]Result, 0, len(cases))
	for _, c := range cases {
		if c.Secrets == nil {
			c.Secrets = map[string]Text{}
		}
		// A case that loops for a long time is a mistake in the case list;
		// stop with its id instead of hanging.
		watchdog := time.AfterFunc(caseTimeout, func() {
			fmt.Fprintf(os.Stderr, "gen: case %q still running after %v\n", c.ID, caseTimeout)
			os.Exit(1)
		})
		result := run(c)
		// A result that differs between two runs (an address printed by
		// %p, for example) cannot be a golden value.
		if again := run(c); !sameResult(result, again) {
			fmt.Fprintf(os.Stderr, "gen: case %q gives a different result on each run\n", c.ID)
			os.Exit(1)
		}
		results = append(results, result)
		watchdog.Stop()
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "gen: failed to encode results:", err)
		os.Exit(1)
	}
	os.Stdout.Write(buf.Bytes())
}
