package prepare

import (
	"strconv"
	"strings"

	"github.com/bep/golocales"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// dateWords are what dates are written with in a language: the month
// names of its locale (the ones Hugo's time.Format uses), and the order of
// day, month and year and the days of the month from its catalogue
// (dateDay, dateMonth, dayOfMonth).
type dateWords struct {
	months     []string
	days       []string // "1er", "2"…, by day - 1
	day, month string   // with \x1f-marked places: D, M, Y
}

// DateMessages are the catalogue messages dates are written with (the
// catalogue check counts them as used).
var DateMessages = []string{"dayOfMonth", "dateDay", "dateMonth"}

func newDateWords(say translation.Say, l project.Language) (*dateWords, error) {
	var err error
	w := &dateWords{}
	var translator golocales.Translator
	for _, key := range []string{l.Locale, l.Code, "en"} {
		if translator = golocales.New(key); translator != nil {
			break
		}
	}
	w.months = translator.MonthsWide()[:12]
	for d := 1; d <= 31; d++ {
		s, err := say("dayOfMonth", d, map[string]any{"Count": d})
		if err != nil {
			return nil, err
		}
		w.days = append(w.days, s)
	}
	if w.day, err = say("dateDay", nil, map[string]any{"Day": "\x1fD", "Month": "\x1fM", "Year": "\x1fY"}); err != nil {
		return nil, err
	}
	if w.month, err = say("dateMonth", nil, map[string]any{"Month": "\x1fM", "Year": "\x1fY"}); err != nil {
		return nil, err
	}
	return w, nil
}

// format writes a date in words: "22 January 2021", "1er mars 2021",
// "January 2021", "2021".
func (w *dateWords) format(iso string) string {
	parts := strings.Split(iso, "-")
	if len(parts) < 2 {
		return iso
	}
	month, _ := strconv.Atoi(parts[1])
	pattern := w.month
	if len(parts) == 3 {
		day, _ := strconv.Atoi(parts[2])
		if day < 1 || day > 31 {
			return iso
		}
		pattern = strings.ReplaceAll(w.day, "\x1fD", w.days[day-1])
	}
	if month < 1 || month > 12 {
		return iso
	}
	return strings.ReplaceAll(strings.ReplaceAll(pattern, "\x1fM", w.months[month-1]), "\x1fY", parts[0])
}

func (p *preparer) day(d content.Date, lang string) *Day {
	return &Day{ISO: d.Raw, Words: p.words[lang].format(d.Raw)}
}

// description is a page's description: its own (a publication's), or the
// first paragraph of its kind's summary as plain text, cut at a word after
// about 200 characters.
func (p *preparer) description(it *content.Item, lang string) (string, *Text) {
	if t := it.Text("description"); t != nil {
		text := p.text(t, lang, false)
		return text.MD, text
	}
	if it.Kind.Summary == "" {
		return "", nil
	}
	text := p.text(it.Text(it.Kind.Summary), lang, false)
	first, _, _ := strings.Cut(strings.TrimSpace(text.MD), "\n\n")
	return export.Truncate(export.PlainText(first), 200, "…"), text
}
