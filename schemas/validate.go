package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Violation is one way a record fails its schema.
type Violation struct {
	Pointer string // JSON pointer into the record, "" for the record itself
	Keyword string // the schema keyword that failed, e.g. "enum"
	Message string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s [%s] %s", orRoot(v.Pointer), v.Keyword, v.Message)
}

func orRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// Validator checks records against the schema of one table. It is safe for
// concurrent use.
type Validator struct {
	table  *Table
	schema *jsonschema.Schema
}

var (
	compileMu  sync.Mutex
	validators = map[string]*Validator{}
	printer    = message.NewPrinter(language.English)
)

// NewValidator returns the validator of a table, compiling it once.
func NewValidator(table string) (*Validator, error) {
	compileMu.Lock()
	defer compileMu.Unlock()
	if v, ok := validators[table]; ok {
		return v, nil
	}
	t, err := Lookup(table)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(t.Raw))
	if err != nil {
		return nil, fmt.Errorf("schemas: %s: %w", table, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := table + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schemas: %s: %w", table, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schemas: compile %s: %w", table, err)
	}
	v := &Validator{table: t, schema: s}
	validators[table] = v
	return v, nil
}

// Table returns the table the validator checks.
func (v *Validator) Table() *Table { return v.table }

// Validate checks one record: a struct with json tags, or a decoded JSON
// object. It returns the violations, sorted, or nil.
func (v *Validator) Validate(record any) ([]Violation, error) {
	var inst any
	switch r := record.(type) {
	case map[string]any:
		inst = r
	default:
		b, err := json.Marshal(record)
		if err != nil {
			return nil, fmt.Errorf("validate %s: %w", v.table.Name, err)
		}
		inst, err = jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("validate %s: %w", v.table.Name, err)
		}
	}
	err := v.schema.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, fmt.Errorf("validate %s: %w", v.table.Name, err)
	}
	var out []Violation
	leaves(ve, &out)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Pointer != out[j].Pointer {
			return out[i].Pointer < out[j].Pointer
		}
		return out[i].Keyword < out[j].Keyword
	})
	return out, nil
}

// leaves walks down to the errors that name a failing keyword: the flattened
// output of the library labels errors reached through $ref only vaguely.
func leaves(e *jsonschema.ValidationError, out *[]Violation) {
	if len(e.Causes) == 0 {
		ptr := ""
		for _, tok := range e.InstanceLocation {
			tok = strings.ReplaceAll(tok, "~", "~0")
			tok = strings.ReplaceAll(tok, "/", "~1")
			ptr += "/" + tok
		}
		kw := strings.Join(e.ErrorKind.KeywordPath(), "/")
		*out = append(*out, Violation{Pointer: ptr, Keyword: kw, Message: e.ErrorKind.LocalizedString(printer)})
		return
	}
	for _, c := range e.Causes {
		leaves(c, out)
	}
}
