package model

import "strings"

// TextID is the stable id of a text: its kind, its item's id and where it
// is in the item, "timeline/t#events[2021-01-22-first-report].text". The
// translation state, the XLIFF and goi18n files, the status and the
// preview's marks all use it; layouts/_partials/translation/id.html builds
// the same ids on the templates' side.
func TextID(kind, item, path string) string { return kind + "/" + item + "#" + path }

// MessageID is the id of an interface message of the catalogues.
func MessageID(key string) string { return "i18n#" + key }

// MessageKey returns the catalogue key of a message id, and whether it is one.
func MessageKey(id string) (string, bool) { return strings.CutPrefix(id, "i18n#") }
