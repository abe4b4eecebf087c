// Package validate is the fifth stage: every record is checked against its
// table's JSON Schema before it is written. A record that fails becomes a
// reject row naming the table, the column and the rule — never a silent
// drop — and the records that depend on it go with it.
package validate

import (
	"fmt"
	"strings"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/schemas"
)

// Checker validates records of every table.
type Checker struct {
	validators map[string]*schemas.Validator
}

// New compiles the schemas of every table.
func New() (*Checker, error) {
	c := &Checker{validators: map[string]*schemas.Validator{}}
	for _, t := range schemas.Tables {
		v, err := schemas.NewValidator(t)
		if err != nil {
			return nil, err
		}
		c.validators[t] = v
	}
	return c, nil
}

// Check validates one record of table. It returns nil when the record
// conforms, or the reject that describes why it does not.
func (c *Checker) Check(table string, record any, inputPath, sourceID string) (*parley.Reject, error) {
	v, ok := c.validators[table]
	if !ok {
		return nil, fmt.Errorf("validate: no table %q", table)
	}
	violations, err := v.Validate(record)
	if err != nil {
		return nil, err
	}
	if len(violations) == 0 {
		return nil, nil
	}
	msgs := make([]string, len(violations))
	for i, vi := range violations {
		msgs[i] = vi.String()
	}
	r := &parley.Reject{
		InputPath: inputPath,
		Stage:     parley.StageValidate,
		Rule:      table + ":" + violations[0].Keyword,
		Message:   fmt.Sprintf("%s record fails its schema: %s", table, strings.Join(msgs, "; ")),
	}
	if sourceID != "" {
		r.SourceID = &sourceID
	}
	return r, nil
}
