// Command gen produces the golden data for the Python fmt and escaper tests.
//
// It reads a JSON list of cases on stdin and writes the same list to stdout
// with the output of Go's fmt.Sprintf, fmt.Sprint, fmt.Sprintln or the
// text/template escapers added to each case:
//
//	python tests/gofmt/make_cases.py | (cd tests/gofmt/gen && go run .) > tests/gofmt/golden.json
//
// With -print-table it instead writes the Python module that lists the
// ranges of code points for which strconv.IsPrint (the same set as
// unicode.IsPrint) reports true in this Go release.
//
// Arguments are encoded as [type, value] pairs so that JSON keeps Go's
// types apart:
//
//	["string", "text"]          a Go string
//	["bytes", "ff00"]           a Go string given as hex bytes (invalid UTF-8)
//	["int", "-12"]              an int, as decimal text to keep all 64 bits
//	["uint8", "97"]             a uint8, the byte that index returns
//	["float64", "1e21"]         a float64, parsed by strconv.ParseFloat
//	["complex128", ["1", "2"]]  a complex128 from its real and imaginary parts
//	["bool", true]              a bool
//	["nil", null]               a nil interface
//	["map", [[key, arg], ...]]  a map[string]string when every value is a
//	                            string, else a map[string]any
//	["map_any", [[key, arg], ...]]  always a map[string]any
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"text/template"
	"unicode"
	"unicode/utf8"
)

type testCase struct {
	Func          string            `json:"func"`
	Format        string            `json:"format,omitempty"`
	FormatHex     string            `json:"format_hex,omitempty"`
	Args          []json.RawMessage `json:"args"`
	Expected      *string           `json:"expected,omitempty"`
	ExpectedBytes string            `json:"expected_hex,omitempty"`
}

func main() {
	printTable := flag.Bool("print-table", false, "write the Python module of printable code point ranges")
	flag.Parse()
	if *printTable {
		writePrintTable()
		return
	}

	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fail("failed to read cases: %v", err)
	}
	for i := range cases {
		runCase(&cases[i], i)
	}

	// One case per line keeps the file compact and its diffs readable.
	out := bufio.NewWriter(os.Stdout)
	out.WriteString("[\n")
	for i, c := range cases {
		var line bytes.Buffer
		encoder := json.NewEncoder(&line)
		encoder.SetEscapeHTML(false)
		if err := encoder.Encode(c); err != nil {
			fail("failed to encode case %d: %v", i, err)
		}
		out.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
		if i < len(cases)-1 {
			out.WriteString(",")
		}
		out.WriteString("\n")
	}
	out.WriteString("]\n")
	if err := out.Flush(); err != nil {
		fail("failed to write golden data: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
	os.Exit(1)
}

func runCase(c *testCase, index int) {
	out := formatCase(c)
	// Each call decodes fresh maps, so a map's address printed by %p makes
	// the two outputs differ, and such output cannot be golden data.
	if again := formatCase(c); again != out {
		fail("case %d gives a different result on each run", index)
	}

	if utf8.ValidString(out) {
		c.Expected = &out
	} else {
		c.ExpectedBytes = hex.EncodeToString([]byte(out))
	}
}

func formatCase(c *testCase) string {
	args := make([]any, len(c.Args))
	for i, raw := range c.Args {
		args[i] = decodeArg(raw)
	}
	format := c.Format
	if c.FormatHex != "" {
		format = string(decodeHex(c.FormatHex))
	}

	var out string
	switch c.Func {
	case "sprintf":
		out = fmt.Sprintf(format, args...)
	case "sprint":
		out = fmt.Sprint(args...)
	case "sprintln":
		out = fmt.Sprintln(args...)
	case "html":
		out = template.HTMLEscaper(args...)
	case "js":
		out = template.JSEscaper(args...)
	case "urlquery":
		out = template.URLQueryEscaper(args...)
	default:
		fail("unknown func %q", c.Func)
	}
	return out
}

func decodeArg(raw json.RawMessage) any {
	var pair [2]json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil {
		fail("invalid argument %s: %v", raw, err)
	}
	var kind string
	mustUnmarshal(pair[0], &kind)

	switch kind {
	case "string":
		var s string
		mustUnmarshal(pair[1], &s)
		return s
	case "bytes":
		var s string
		mustUnmarshal(pair[1], &s)
		return string(decodeHex(s))
	case "int":
		var s string
		mustUnmarshal(pair[1], &s)
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fail("invalid int %q: %v", s, err)
		}
		return int(n)
	case "uint8":
		var s string
		mustUnmarshal(pair[1], &s)
		n, err := strconv.ParseUint(s, 10, 8)
		if err != nil {
			fail("invalid uint8 %q: %v", s, err)
		}
		return uint8(n)
	case "float64":
		var s string
		mustUnmarshal(pair[1], &s)
		return parseFloat(s)
	case "complex128":
		var parts [2]string
		mustUnmarshal(pair[1], &parts)
		return complex(parseFloat(parts[0]), parseFloat(parts[1]))
	case "bool":
		var b bool
		mustUnmarshal(pair[1], &b)
		return b
	case "nil":
		return nil
	case "map":
		return decodeMap(pair[1], false)
	case "map_any":
		return decodeMap(pair[1], true)
	}
	fail("unknown argument type %q", kind)
	return nil
}

func decodeMap(raw json.RawMessage, alwaysAny bool) any {
	var entries [][2]json.RawMessage
	mustUnmarshal(raw, &entries)

	values := make(map[string]any, len(entries))
	allStrings := true
	for _, entry := range entries {
		var key string
		mustUnmarshal(entry[0], &key)
		value := decodeArg(entry[1])
		if _, ok := value.(string); !ok {
			allStrings = false
		}
		values[key] = value
	}
	if alwaysAny || !allStrings {
		return values
	}
	strings := make(map[string]string, len(values))
	for key, value := range values {
		strings[key] = value.(string)
	}
	return strings
}

func parseFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		fail("invalid float %q: %v", s, err)
	}
	return f
}

func decodeHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		fail("invalid hex %q: %v", s, err)
	}
	return b
}

func mustUnmarshal(raw json.RawMessage, target any) {
	if err := json.Unmarshal(raw, target); err != nil {
		fail("invalid JSON %s: %v", raw, err)
	}
}

// writePrintTable writes the printable ranges as a flat tuple of inclusive
// (first, last) pairs, sorted, so that Python can search it with bisect.
func writePrintTable() {
	var bounds []rune
	inRange := false
	for r := rune(0); r <= utf8.MaxRune; r++ {
		printable := strconv.IsPrint(r)
		if printable && !inRange {
			bounds = append(bounds, r)
		}
		if !printable && inRange {
			bounds = append(bounds, r-1)
		}
		inRange = printable
	}
	if inRange {
		bounds = append(bounds, utf8.MaxRune)
	}

	fmt.Println(`"""Code points that Go's strconv.IsPrint and unicode.IsPrint accept.`)
	fmt.Println()
	fmt.Printf("Generated by tests/gofmt/gen with %s, whose tables follow Unicode\n", runtime.Version())
	fmt.Printf("%s. Do not edit by hand.\n", unicode.Version)
	fmt.Println(`"""`)
	fmt.Println()
	fmt.Printf("GO_VERSION = %q\n", runtime.Version())
	fmt.Printf("UNICODE_VERSION = %q\n", unicode.Version)
	fmt.Println()
	fmt.Println("# Inclusive (first, last) pairs of code points, flattened and sorted.")
	fmt.Println("# fmt: off")
	fmt.Println("PRINTABLE_RANGES = (")
	for i := 0; i < len(bounds); i += 6 {
		fmt.Print("   ")
		for j := i; j < i+6 && j < len(bounds); j++ {
			fmt.Printf(" 0x%X,", bounds[j])
		}
		fmt.Println()
	}
	fmt.Println(")")
	fmt.Println("# fmt: on")
}
