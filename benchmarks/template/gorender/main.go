// Command gorender times Go's text/template on the benchmark input: parse and
// execute with missingkey=error and data {"Secrets": map[string]string}, the
// same work distr-secrets does for one render.
//
// Usage: gorender TEMPLATE SECRETS_JSON REPETITIONS OUTPUT
//
// It writes the rendered text to OUTPUT (so the caller can compare it with
// the Python render) and prints one JSON object with the time of each
// repetition in seconds.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/template"
	"time"
)

func render(name, source string, secrets map[string]string) ([]byte, error) {
	tmpl, err := template.New(name).Option("missingkey=error").Parse(source)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, map[string]any{"Secrets": secrets}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gorender: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 5 {
		fail("usage: gorender TEMPLATE SECRETS_JSON REPETITIONS OUTPUT")
	}
	source, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("failed to read template: %v", err)
	}
	secretsJSON, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("failed to read secrets: %v", err)
	}
	var secrets map[string]string
	if err := json.Unmarshal(secretsJSON, &secrets); err != nil {
		fail("invalid secrets JSON: %v", err)
	}
	repetitions, err := strconv.Atoi(os.Args[3])
	if err != nil || repetitions < 1 {
		fail("invalid repetition count %q: want a positive integer", os.Args[3])
	}

	name := filepath.Base(os.Args[1])
	var output []byte
	seconds := make([]float64, 0, repetitions)
	for range repetitions {
		start := time.Now()
		output, err = render(name, string(source), secrets)
		elapsed := time.Since(start)
		if err != nil {
			fail("render failed: %v", err)
		}
		seconds = append(seconds, elapsed.Seconds())
	}

	if err := os.WriteFile(os.Args[4], output, 0o644); err != nil {
		fail("failed to write output: %v", err)
	}
	result, _ := json.Marshal(map[string]any{"seconds": seconds})
	fmt.Println(string(result))
}
