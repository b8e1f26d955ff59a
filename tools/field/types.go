// Package field holds what every data file of the site is made of, and the
// checks they share: texts in every language of the site, dates, ids and
// references to other files, each problem reported at its file:line:col.
package field

import (
	"fmt"
	"time"
)

// Text is one text in every language of the site, keyed by language code:
// { en = "…", fr = "…" } in the files.
type Text map[string]string

// UnmarshalTOML accepts only a table of strings, so that `text = "…"`
// (one language, no key) is caught where it is written.
func (t *Text) UnmarshalTOML(v any) error {
	table, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("expected one text per language, like { en = \"…\", fr = \"…\" }, found %s", describe(v))
	}
	*t = make(Text, len(table))
	for lang, val := range table {
		s, ok := val.(string)
		if !ok {
			return fmt.Errorf("the %q text must be a quoted string, found %s", lang, describe(val))
		}
		(*t)[lang] = s
	}
	return nil
}

// Date is the day an event happened, or only its month or year when that is
// all that is known. It keeps what the file says; validation checks it.
type Date struct {
	Raw string // "2021-01-22", "2021-01" or "2021"
}

// UnmarshalTOML accepts a TOML date or a string, and refuses a time of day.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() != "date-local" {
			return fmt.Errorf("expected a date without a time of day, like 2021-01-22")
		}
		d.Raw = v.Format(time.DateOnly)
	case string:
		d.Raw = v
	default:
		return fmt.Errorf("expected a date like 2021-01-22, or \"2021-01\" or \"2021\" when only the month or year is known, found %s", describe(v))
	}
	return nil
}

// Precision says how much of a date is known.
type Precision int

const (
	Year Precision = iota + 1
	Month
	Day
)

// dateLayouts are the forms a date may take, from the most to the least precise.
var dateLayouts = []struct {
	layout    string
	precision Precision
}{{time.DateOnly, Day}, {"2006-01", Month}, {"2006", Year}}

// Parse returns the date's first instant (UTC) and how precise it is.
func (d Date) Parse() (time.Time, Precision, error) {
	for _, f := range dateLayouts {
		if len(d.Raw) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, d.Raw)
		if err != nil {
			return time.Time{}, 0, err
		}
		return t, f.precision, nil
	}
	return time.Time{}, 0, fmt.Errorf("%q is not a date", d.Raw)
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	case time.Time:
		return "a date"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	}
	return fmt.Sprintf("%T", v)
}
