package model

import (
	"fmt"
	"strings"
)

// The ids of texts are built here on the Go side, and by
// layouts/_partials/translation/id.html on the templates' side, from the
// same parts: a text's kind, its item's id, and its path in the item, a
// field's name (summary), a list's element, by its key when its records
// have one (events[2021-01-22-first-report]) or by its number from 1
// (sources[1]), and so on: timeline/t#events[2021-01-22-first-report].text.
// The translation state, the XLIFF and goi18n files, the status and the
// preview's marks all use them.

// TextID is the stable id of a text of an item.
func TextID(kind, item, path string) string { return kind + "/" + item + "#" + path }

// FieldPath is the path of a field of the value at path.
func FieldPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// ElemPath is the path of an element of the list at path, by its key, or,
// with no key, by its index (from 0) counted from 1.
func ElemPath(path, key string, index int) string {
	if key == "" {
		return fmt.Sprintf("%s[%d]", path, index+1)
	}
	return fmt.Sprintf("%s[%s]", path, key)
}

// MessageID is the id of an interface message of the catalogues.
func MessageID(key string) string { return "i18n#" + key }

// MessageKey returns the catalogue key of a message id, and whether it is one.
func MessageKey(id string) (string, bool) { return strings.CutPrefix(id, "i18n#") }
