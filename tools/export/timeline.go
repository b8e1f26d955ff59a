package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-ical"

	"github.com/cyberpub/site/tools/content"
)

// The kinds the timelines' exports read, as data/model.toml names them.
const (
	timelineKind     = "timeline"
	threatActorKind  = "threat-actor"
	organizationKind = "organization"
)

// timelineJobs are the exports of each published timeline: its JSON, the
// same in every language's folder, and its CSV and iCalendar in each
// language, each a job of its own, so that a long timeline's languages
// are written side by side.
func (e *exporter) timelineJobs() []func() error {
	var jobs []func() error
	for _, tl := range e.site.Of(timelineKind) {
		if e.held[tl] != "" {
			continue
		}
		events := sync.OnceValue(tl.Events)
		var pages []Page
		for _, lang := range e.write {
			pg, ok := e.page(tl, lang)
			if !ok {
				continue
			}
			pages = append(pages, pg)
			jobs = append(jobs, func() error {
				if err := e.timelineInLanguage(tl, pg, events(), lang); err != nil {
					return fmt.Errorf("export: timeline %q in %q: %w", tl.ID, lang, err)
				}
				return nil
			})
		}
		if len(pages) == 0 {
			continue
		}
		jobs = append(jobs, func() error {
			doc, err := e.encodeJSON(e.timelineJSON(tl, events()))
			for _, pg := range pages {
				if err == nil {
					err = e.writeBeside(pg, timelineJSONFile.File, doc)
				}
			}
			if err != nil {
				return fmt.Errorf("export: timeline %q: %w", tl.ID, err)
			}
			return nil
		})
	}
	return jobs
}

// timelineInLanguage writes a timeline's CSV and iCalendar in a language.
func (e *exporter) timelineInLanguage(tl *content.Item, pg Page, events []*content.Record, lang string) error {
	plain := e.plainEvents(events, lang)
	table, err := e.timelineCSV(pg, events, plain, lang)
	if err != nil {
		return err
	}
	calendar, err := e.timelineICS(tl, pg, events, plain, lang)
	if err != nil {
		return err
	}
	if err := e.writeBeside(pg, timelineCSVFile.File, table); err != nil {
		return err
	}
	return e.writeBeside(pg, timelineICSFile.File, calendar)
}

// Texts by language code: { "en": "…", "fr": "…" }.
type texts = map[string]string

// timelineJSON is a timeline as timeline.json publishes it
// (static/schemas/timeline.schema.json). Here and in the other JSON
// formats, the fields of each object are in the order of their names, as
// the files have always had them.
type timelineJSON struct {
	Schema    string       `json:"$schema"`
	Events    []eventJSON  `json:"events"`
	ID        string       `json:"id"`
	Modified  string       `json:"modified"`
	Published string       `json:"published"`
	Sources   []sourceJSON `json:"sources"`
	Summary   texts        `json:"summary"`
	Title     texts        `json:"title"`
	URL       texts        `json:"url"`
}

type eventJSON struct {
	Date          string             `json:"date"`
	ID            string             `json:"id"`
	Notes         []texts            `json:"notes"`
	Organizations []organizationJSON `json:"organizations"`
	Text          texts              `json:"text"`
	ThreatActors  []threatActorJSON  `json:"threat_actors"`
	URL           texts              `json:"url"`
}

type organizationJSON struct {
	ID    string `json:"id"`
	Name  texts  `json:"name"`
	Short texts  `json:"short"`
}

type threatActorJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	URL  texts  `json:"url"`
}

type sourceJSON struct {
	Date  string `json:"date,omitempty"`
	Title texts  `json:"title"`
	URL   string `json:"url,omitempty"`
}

func (e *exporter) timelineJSON(tl *content.Item, events []*content.Record) timelineJSON {
	doc := timelineJSON{
		Schema:    e.absURL("schemas/timeline.schema.json"),
		Events:    []eventJSON{},
		ID:        tl.ID,
		Modified:  tl.Lastmod().Raw,
		Published: tl.Date("date").Raw,
		Sources:   []sourceJSON{},
		Summary:   e.markdown(tl.Text("summary")),
		Title:     e.markdown(tl.Text("title")),
		URL:       e.urls(tl, ""),
	}
	for _, s := range tl.Records("sources") {
		doc.Sources = append(doc.Sources, sourceJSON{Date: s.Date("date").Raw, Title: e.markdown(s.Text("title")), URL: s.String("url")})
	}
	actorURLs := map[*content.Item]texts{} // asked of Pages once each
	for _, ev := range events {
		id := ev.String("id")
		out := eventJSON{Date: ev.Date("date").Raw, ID: id, Notes: []texts{}, Organizations: []organizationJSON{},
			Text: e.markdown(ev.Text("text")), ThreatActors: []threatActorJSON{}, URL: texts{}}
		for lang, u := range doc.URL {
			out.URL[lang] = u + "#" + id
		}
		for _, note := range notes(ev) {
			out.Notes = append(out.Notes, e.markdown(note))
		}
		for _, ref := range ev.Strings("actors") {
			if org := e.site.Item(organizationKind, ref); org != nil {
				out.Organizations = append(out.Organizations, organizationJSON{ID: ref, Name: e.markdown(org.Text("name")), Short: e.markdown(org.Text("short"))})
			}
		}
		for _, ref := range ev.Strings("threat_actors") {
			actor := e.site.Item(threatActorKind, ref)
			urls, ok := actorURLs[actor]
			if !ok {
				urls = e.urls(actor, "")
				actorURLs[actor] = urls
			}
			if urls != nil {
				out.ThreatActors = append(out.ThreatActors, threatActorJSON{ID: ref, Name: actor.Title(e.langs[0]), URL: urls})
			}
		}
		doc.Events = append(doc.Events, out)
	}
	return doc
}

// markdown returns a text in every language it is written in, as written
// (images aside: see Markdown).
func (e *exporter) markdown(t *content.Text) texts {
	out := texts{}
	if t == nil {
		return out
	}
	for _, lang := range e.langs {
		if s := strings.TrimSpace(t.Values[lang]); s != "" {
			out[lang] = Markdown(s)
		}
	}
	return out
}

func notes(ev *content.Record) []*content.Text {
	n, _ := ev.Values["notes"].([]*content.Text)
	return n
}

// plainEvent is what the CSV and the calendar say of an event in a
// language, as plain text.
type plainEvent struct {
	text  string
	notes []string
}

func (e *exporter) plainEvents(events []*content.Record, lang string) []plainEvent {
	out := make([]plainEvent, len(events))
	for i, ev := range events {
		out[i].text = PlainText(pick(ev.Text("text"), lang, e.langs))
		for _, note := range notes(ev) {
			out[i].notes = append(out[i].notes, PlainText(pick(note, lang, e.langs)))
		}
	}
	return out
}

// timelineCSV is a timeline as CSV in a language (RFC 4180): one row per
// event, after a byte-order mark, so that spreadsheets read the file as
// UTF-8. Rows end with CRLF, and a line end inside a cell is LF, as
// spreadsheets write them (encoding/csv's UseCRLF would make both CRLF).
func (e *exporter) timelineCSV(pg Page, events []*content.Record, plain []plainEvent, lang string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	writeRow := func(row []string) {
		_ = w.Write(row)
		w.Flush()
		if w.Error() == nil {
			b.Truncate(b.Len() - 1) // the row's LF
			b.WriteString("\r\n")
		}
	}
	writeRow([]string{"id", "date", "text", "organizations", "threat_actors", "notes", "url"})
	for i, ev := range events {
		var orgs, actors []string
		for _, ref := range ev.Strings("actors") {
			if org := e.site.Item(organizationKind, ref); org != nil {
				orgs = append(orgs, PlainText(pick(org.Text("short"), lang, e.langs)))
			}
		}
		for _, ref := range ev.Strings("threat_actors") {
			if actor := e.site.Item(threatActorKind, ref); actor != nil {
				if _, ok := e.page(actor, lang); ok {
					actors = append(actors, actor.Title(lang))
				}
			}
		}
		row := []string{ev.String("id"), ev.Date("date").Raw, plain[i].text, strings.Join(orgs, "; "), strings.Join(actors, "; "),
			strings.Join(plain[i].notes, "\n"), pg.Permalink + "#" + ev.String("id")}
		for j := range row {
			row[j] = spreadsheetText(row[j])
		}
		writeRow(row)
	}
	return b.Bytes(), w.Error()
}

// spreadsheetText returns a cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a return: OWASP's list) after a
// quote, so that it is shown as the text it is and never run.
func spreadsheetText(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// timelineICS is a timeline as iCalendar in a language (RFC 5545): one
// all-day event per event known to the day (one known only by its month
// or year has no day to be put on), its id the same on every build so that
// calendars update it rather than add it again, its stamp the timeline's
// last change.
func (e *exporter) timelineICS(tl *content.Item, pg Page, events []*content.Record, plain []plainEvent, lang string) ([]byte, error) {
	stamp, _, _ := tl.Lastmod().Parse()
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, fmt.Sprintf("-//%s//%s//%s", e.param(lang, "publisher", "name"), e.siteTitle(lang), strings.ToUpper(lang)))
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	// The calendar's name, as calendar programs read it. An X- property is
	// TEXT unless it says otherwise (RFC 5545, 3.8.8.2), which go-ical,
	// not knowing it, would say.
	name := ical.NewProp("X-WR-CALNAME")
	name.SetText(icalText(PlainText(pick(tl.Text("title"), lang, e.langs))))
	name.Params.Del(ical.ParamValue)
	cal.Props.Set(name)
	for i, ev := range events {
		day, precision, ok := ev.Date("date").Parse()
		if !ok || precision != content.Day {
			continue
		}
		id := ev.String("id")
		description := strings.Join(append([]string{plain[i].text}, plain[i].notes...), "\n\n")
		event := ical.NewEvent()
		event.Props.SetText(ical.PropUID, fmt.Sprintf("%s.%s.%s@%s", tl.ID, id, lang, e.base.Host))
		event.Props.SetDateTime(ical.PropDateTimeStamp, stamp.UTC())
		event.Props.SetDate(ical.PropDateTimeStart, day)
		event.Props.SetDate(ical.PropDateTimeEnd, day.AddDate(0, 0, 1))
		event.Props.SetText(ical.PropSummary, icalText(Truncate(plain[i].text, 120, "…")))
		event.Props.SetText(ical.PropDescription, icalText(description))
		address := ical.NewProp(ical.PropURL)
		address.Value = pg.Permalink + "#" + id
		event.Props.Set(address)
		cal.Children = append(cal.Children, event.Component)
	}
	var b bytes.Buffer
	if err := encodeCalendar(&b, cal); err != nil {
		return nil, err
	}
	return foldLines(b.Bytes()), nil
}

// icalText is a plain text as an iCalendar TEXT holds it: its line ends
// LF (which go-ical writes \n), without the control characters TEXT may
// not hold (RFC 5545, 3.3.11), which site check refuses in any text.
func icalText(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && (r < ' ' || r == 0x7f) {
			return -1
		}
		return r
	}, lineEnds.Replace(s))
}

// encodeCalendar writes a calendar with go-ical, which checks that each
// component has what RFC 5545 asks of it. A calendar needs a component:
// that of a timeline whose events are known only by their month or year is
// written with its properties alone, as calendar programs read it (an
// empty calendar), rather than not at all, since its page links it.
func encodeCalendar(b *bytes.Buffer, cal *ical.Calendar) error {
	if len(cal.Children) > 0 {
		return ical.NewEncoder(b).Encode(cal)
	}
	// Its properties, written as go-ical writes them: sorted by name,
	// none with parameters.
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for _, name := range slices.Sorted(maps.Keys(cal.Props)) {
		for _, prop := range cal.Props[name] {
			if len(prop.Params) > 0 || strings.ContainsAny(prop.Value, "\r\n") {
				return fmt.Errorf("ical: the calendar's %s cannot be written", name)
			}
			b.WriteString(name + ":" + prop.Value + "\r\n")
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	return nil
}

// foldLines folds the lines of an iCalendar file at 75 octets (RFC 5545,
// 3.1), each continuation starting with a space, never inside a character
// of several octets: go-ical writes each property on one line.
func foldLines(b []byte) []byte {
	const limit = 75
	out := make([]byte, 0, len(b)+len(b)/limit*3)
	n := 0 // octets on the current line
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\r' || c == '\n' {
			out = append(out, c)
			if c == '\n' {
				n = 0
			}
			i++
			continue
		}
		size := 1
		switch {
		case c >= 0xf0:
			size = 4
		case c >= 0xe0:
			size = 3
		case c >= 0xc0:
			size = 2
		}
		size = min(size, len(b)-i)
		if n+size > limit {
			out = append(out, "\r\n "...)
			n = 1
		}
		out = append(out, b[i:i+size]...)
		n += size
		i += size
	}
	return out
}

// encodeJSON encodes a document as the site publishes it: indented, or on
// one line when minified (what Hugo's minifier made of the indented file:
// exports_test shows it), with <, > and & escaped, so that no text can
// close an HTML element a page embeds the JSON in.
func (e *exporter) encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if !e.opts.Minify {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if e.opts.Minify {
		b.Truncate(b.Len() - 1) // Hugo's minifier leaves no line end
	}
	return b.Bytes(), nil
}

// moment writes a day as STIX and CSAF write a moment.
func moment(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
