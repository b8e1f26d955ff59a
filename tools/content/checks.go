package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/tomlfile"
	"golang.org/x/text/unicode/norm"
)

// checkRefs reports the references to items that do not exist.
func (l *loader) checkRefs() {
	for _, r := range l.site.Refs {
		if r.ID == "" || l.site.byKind[r.To.Name][r.ID] != nil || l.unreadable[r.To.Name+"/"] || l.unreadable[r.To.Name+"/"+r.ID] {
			continue
		}
		where := where(r.To)
		hint := fmt.Sprintf("add it as %s, or use one of their ids", where)
		if s := tomlfile.Suggest(r.ID, l.site.IDs(r.To.Name)); s != "" {
			hint = fmt.Sprintf("did you mean %q? Each %s is %s", s, r.To.Noun(), where)
		}
		l.add(diag.Invalid, r.At, r.subject, fmt.Sprintf("unknown %s %q", r.To.Noun(), r.ID), hint)
	}
}

// where says where a kind's items are written.
func where(k *model.Kind) string {
	switch k.Store {
	case model.TablePerItem:
		return "a table of " + k.Files
	case model.FilePerItem:
		return "a file of " + k.Dir() + "/"
	}
	return "a page of " + k.Dir() + "/"
}

// checkAddresses reports two items of a kind with the same address in a
// language: one page would hide the other. Items whose ids can be names
// come first, so that a file whose name is wrong ("Foo.en.md" beside
// "foo.en.md") is the one told so.
func (l *loader) checkAddresses() {
	for _, k := range l.p.Model.Kinds {
		if k.Section == "" {
			continue
		}
		items := l.site.Of(k.Name)
		misnamed := map[*Item]bool{} // worked out once, not at each comparison
		for _, it := range items {
			misnamed[it] = model.NameProblem(it.ID) != ""
		}
		slices.SortStableFunc(items, func(a, b *Item) int {
			switch {
			case misnamed[a] == misnamed[b]:
				return 0
			case misnamed[a]:
				return 1
			}
			return -1
		})
		for _, lang := range l.p.Languages {
			owners := map[string]*Item{}
			for _, it := range items {
				if k.Store == model.PagePerItem && it.Files[lang.Code] == nil {
					continue // no page in that language, so no address
				}
				if it.addresses == nil {
					it.addresses = map[string]string{}
				}
				a, fromID := address(it, lang.Code, l.p.RemovePathAccents)
				it.addresses[lang.Code] = a
				// An address made from a title (a glossary term's): "../x"
				// or "a/b" would put the page in the place of another.
				if k.SlugField() == nil && !fromID && (strings.ContainsAny(a, "/\\") || strings.Contains(a, "..")) {
					l.add(diag.Invalid, addressPlace(it, lang.Code), subjectOf(it), fmt.Sprintf("the %s address made from the %s, %q, would not be a page's own: it holds / or ..", lang, k.Title, a),
						fmt.Sprintf("write the %s without / or ..", k.Title))
					continue
				}
				other := owners[a]
				if other == nil {
					owners[a] = it
					continue
				}
				hint := fmt.Sprintf("give this %s another slug in %s", k.Noun(), lang.Name)
				if file := it.Files[lang.Code]; file != nil {
					// A page: the other is named by its file, which is
					// what tells two pages apart.
					otherFile := other.Files[lang.Code].Path
					if otherFile != file.Path && norm.NFC.String(otherFile) == norm.NFC.String(file.Path) {
						otherFile += " (the same name, its accents written in another Unicode form)"
					}
					message := fmt.Sprintf("the %s address %q is already used by %s: only one of the two pages would be published", lang, a, otherFile)
					if fromID {
						l.problems = append(l.problems, diag.Problem{File: file.Path, Message: message,
							Hint: "rename this file: a page's address is its file name, in lower case, without accents or spaces"})
						continue
					}
					l.add(diag.Invalid, addressPlace(it, lang.Code), "", message, hint)
					continue
				}
				if k.SlugField() == nil {
					hint = fmt.Sprintf("its address is its %s: make the two %ss different", k.Title, k.Title)
				}
				l.add(diag.Invalid, addressPlace(it, lang.Code), subjectOf(it), fmt.Sprintf("the %s address %q is already used by %s %q", lang, a, k.Noun(), other.ID), hint)
			}
		}
	}
}

// addressPlace is where what makes an item's address in a language is
// written, or would be.
func addressPlace(it *Item, lang string) Place {
	field := it.Kind.Title
	if f := it.Kind.SlugField(); f != nil {
		field = f.Name
	}
	if f := it.Files[lang]; f != nil { // a page
		return Place{File: f, Key: []string{field}}
	}
	return Place{File: it.Files[""], Key: append(itemKey(it), field, lang)}
}

func subjectOf(it *Item) string {
	if it.Kind.Store == model.TablePerItem {
		return fmt.Sprintf("%s %q", it.Kind.Noun(), it.ID)
	}
	return ""
}

// checkWords reports a word that two items give as theirs (two glossary
// terms with the same form): a use of it could stand for either.
func (l *loader) checkWords() {
	for _, k := range l.p.Model.Kinds {
		for _, f := range k.Fields {
			if f.Type != model.Words || !f.Unique {
				continue
			}
			for _, lang := range l.p.Languages {
				owners := map[string]string{}
				for _, it := range l.site.Of(k.Name) {
					seen := map[string]bool{}
					for _, word := range it.Forms(lang.Code) {
						key := strings.ToLower(word)
						if other := owners[key]; other != "" && other != it.ID {
							l.add(diag.Invalid, Place{File: it.Files[""], Key: append(itemKey(it), f.Name, lang.Code)}, subjectOf(it),
								fmt.Sprintf("the %s %s %q is also one of %s %q's", lang, strings.TrimSuffix(f.Name, "s"), word, k.Noun(), other),
								fmt.Sprintf("a word stands for one %s only: remove it from one of them", k.Noun()))
						} else if !seen[key] {
							owners[key] = it.ID
						}
						seen[key] = true
					}
				}
			}
		}
	}
}

// itemKey is the key path of an item's table in its file.
func itemKey(it *Item) []string {
	if it.Kind.Store == model.TablePerItem {
		return []string{it.ID}
	}
	return []string{}
}
