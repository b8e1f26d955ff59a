package translation

import (
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/cyberpub/site/tools/project"
)

// Say gives a catalogue message of a language, with its data, and for a
// number, its plural form.
type Say func(id string, count any, data map[string]any) (string, error)

// Say reads a language's catalogue as Hugo's T does (go-i18n), for the
// words the site command writes itself: the views' dates, the preview's
// page of problems.
func (w *Workspace) Say(lang string) (Say, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, err
	}
	bundle := i18n.NewBundle(tag)
	if c := w.Catalogues[lang]; c != nil {
		for _, m := range c.Messages {
			if err := bundle.AddMessages(tag, m); err != nil {
				return nil, err
			}
		}
	}
	loc := i18n.NewLocalizer(bundle, lang)
	return func(id string, count any, data map[string]any) (string, error) {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: data})
		if err != nil && count != nil {
			// A message written with its "other" form alone is one for
			// every number, as Hugo reads it.
			s, err = loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
		}
		if err != nil {
			return "", fmt.Errorf("%s: message %s: %w", project.CatalogueFile(lang), id, err)
		}
		return s, nil
	}, nil
}
