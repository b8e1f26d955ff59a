package prepare

import (
	"cmp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/cyberpub/site/tools/content"
	"github.com/cyberpub/site/tools/export"
	"github.com/cyberpub/site/tools/model"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/translation"
)

// View is what a page shows, in its language: the templates read it as
// .Params.view.
type View struct {
	Kind   string `json:"kind"` // the model's name of its kind; "section" for the home page and sections
	ID     string `json:"id"`
	Label  string `json:"label,omitempty"`  // the catalogue message naming its kind
	Schema string `json:"schema,omitempty"` // what it is, as schema.org says
	// DescriptionText is, in the preview, the mark of the text the page's
	// description (its front matter's) comes from.
	DescriptionText *Text `json:"descriptionText,omitempty"`
	Date            *Day  `json:"date,omitempty"`
	Lastmod         *Day  `json:"lastmod,omitempty"`
	Title           *Text `json:"title,omitempty"`
	// Body is a Markdown page's body, whose Markdown is the page's own
	// content; here, its terms and marks.
	Body *Text `json:"body,omitempty"`
	// Fields are the item's values, in the page's language, by field name
	// (texts as Text, dates as Day, references as Link).
	Fields map[string]any `json:"fields"`
	// Refs are the fields naming other items' pages, in the model's
	// order.
	Refs []RefField `json:"refs,omitempty"`
	// Lead is the first paragraph of the kind's summary, which a page
	// shows before what the reader came for (a timeline's events), and
	// More the paragraphs after it, shown after; More is nil when the
	// summary is one paragraph. Both keep the summary's marks.
	Lead *Text `json:"lead,omitempty"`
	More *Text `json:"more,omitempty"`
	// Years are a timeline's events in date order, grouped by year, and
	// Period the dates of its first and last events.
	Years  []Year  `json:"years,omitempty"`
	Period *Period `json:"period,omitempty"`
	// Downloads are the page in other formats (tools/export).
	Downloads []export.Download `json:"downloads,omitempty"`
	// Advisories are, on a CSAF distribution's pages, its advisories, by
	// year, the latest first.
	Advisories []AdvisoryYear `json:"advisories,omitempty"`
	// Referring are the pages that name the item, newest first.
	Referring []string `json:"referring,omitempty"`
	// Naming are the events that name the item, in date order.
	Naming []Naming `json:"naming,omitempty"`
	// Held says, in the preview, why a build would hold the page back:
	// "draft", or the moment it is scheduled for.
	Held string `json:"held,omitempty"`
	// Sections (the home page's) are the sections' pages, in the model's
	// order: the main menu of every page.
	Sections []string `json:"sections,omitempty"`
	// Rank is a publication's place among all, newest first (by date,
	// then in the model's order of kinds, then by id), from 1, the same in
	// every language: feeds sort their pages by it.
	Rank int `json:"rank,omitempty"`
	// WhatsNew (the home page's) are the newest publications of each kind
	// but the glossary's.
	WhatsNew []string `json:"whatsNew,omitempty"`
	// OutdatedMessages (the home page's, in the preview) are the keys of
	// the interface messages whose translation is outdated.
	OutdatedMessages []string `json:"outdatedMessages,omitempty"`
}

// RefField is a field naming other items with pages.
type RefField struct {
	To    string `json:"to"`    // their kind
	Label string `json:"label"` // the catalogue message naming their kind
	One   bool   `json:"one"`   // a ref, not a list of refs
	Links []Link `json:"links"`
}

// Period is what a timeline covers.
type Period struct {
	From  *Day `json:"from"`
	To    *Day `json:"to"`
	Count int  `json:"count"`
}

// AdvisoryYear is a year of a CSAF distribution: its folder and the
// advisories in it.
type AdvisoryYear struct {
	Year       string     `json:"year"`
	Advisories []Advisory `json:"list"`
}

// Advisory is a bulletin's CSAF advisory: its file, in the language's
// home folder, its name there, its bulletin's title and the date of its
// current release.
type Advisory struct {
	File  string `json:"file"`
	Name  string `json:"name"`
	Title string `json:"title"`
	Date  *Day   `json:"date"`
}

// Text is a text in the page's language, as Markdown.
type Text struct {
	MD string `json:"md,omitempty"`
	// Terms are, for a text read as prose, the glossary terms whose first
	// use it links, in order.
	Terms []Term `json:"terms,omitempty"`
	// In the preview: "outdated" or "missing" (shown in the language of
	// From, a locale), with the text's id.
	Mark string `json:"mark,omitempty"`
	ID   string `json:"id,omitempty"`
	From string `json:"from,omitempty"`
	// Blocks are, for an outdated body, the start of each outdated block.
	Blocks []string `json:"blocks,omitempty"`
}

// Term is a glossary term a text uses: its page and its definition.
type Term struct {
	ID         string `json:"id"`
	Path       string `json:"path"`
	Definition *Text  `json:"definition"`
}

// Day is a date, as ISO 8601 ("2021-01-22", "2021-01", "2021") and in
// the words of the page's language.
type Day struct {
	ISO   string `json:"iso"`
	Words string `json:"words"`
}

// Link is an item a field names: its page's path, or, for a kind without
// pages, its texts.
type Link struct {
	Path   string         `json:"path,omitempty"`
	Fields map[string]any `json:"fields,omitempty"`
}

// Year is a year of a timeline's events.
type Year struct {
	Year   string           `json:"year"`
	Events []map[string]any `json:"events"`
}

// Naming is an event that names an item.
type Naming struct {
	Path string `json:"path"` // its timeline's page
	ID   string `json:"id"`
	Date *Day   `json:"date"`
	Text *Text  `json:"text"`
}

// preparer holds what is worked out once for all the views.
type preparer struct {
	ws      *translation.Workspace
	site    *content.Site
	project *project.Project
	opts    Options
	held    map[*content.Item]string
	words   map[string]*dateWords       // by language
	terms   map[string]*glossary        // by language
	marks   map[string]map[string]*Text // by language, then text id: the preview's marks
	naming  map[*content.Item][]namedBy // the events naming each item
	sorted  map[*content.Item][]namedBy // each timeline's events, in date order
	refs    map[*content.Item][]*content.Ref
	order   map[*model.Kind]int
	rank    map[*content.Item]int    // see View.Rank
	byPath  map[string]*content.Item // the items with pages, by their pages' paths
	// messages are, in the preview, the keys of the outdated interface
	// messages, by language.
	messages  map[string][]string
	say       map[string]translation.Say // the catalogue's messages, by language
	downloads map[*content.Item]map[string][]export.Download
	csaf      []export.Distribution
}

type namedBy struct {
	timeline *content.Item
	event    *content.Record
	date     content.Date
}

func newPreparer(ws *translation.Workspace, o Options) (*preparer, error) {
	p := &preparer{ws: ws, site: ws.Site, project: ws.Project, opts: o,
		held: ws.Site.HeldBack(o.Now), words: map[string]*dateWords{}, terms: map[string]*glossary{},
		marks: map[string]map[string]*Text{}, naming: map[*content.Item][]namedBy{},
		refs: map[*content.Item][]*content.Ref{}, order: map[*model.Kind]int{}, messages: map[string][]string{}}
	for i, k := range p.project.Model.Kinds {
		p.order[k] = i
	}
	p.rank, p.byPath = map[*content.Item]int{}, map[string]*content.Item{}
	var withPages []*content.Item
	for _, it := range p.site.Items {
		if it.Kind.Section != "" {
			withPages = append(withPages, it)
			p.byPath[pagePath(it)] = it
		}
	}
	slices.SortFunc(withPages, p.newer)
	for i, it := range withPages {
		p.rank[it] = i + 1
	}
	p.say = map[string]translation.Say{}
	for _, l := range p.project.Languages {
		say, err := ws.Say(l.Code)
		if err != nil {
			return nil, err
		}
		p.say[l.Code] = say
		w, err := newDateWords(say, l)
		if err != nil {
			return nil, err
		}
		p.words[l.Code] = w
		p.terms[l.Code] = p.newGlossary(l.Code)
	}
	if o.Preview {
		for lang, units := range ws.Outdated() {
			marks := map[string]*Text{}
			for _, u := range units {
				if key, ok := model.MessageKey(u.ID); ok {
					p.messages[lang] = append(p.messages[lang], key)
				}
				if u.Text == nil {
					continue
				}
				m := marks[u.Text.ID]
				if m == nil {
					m = &Text{Mark: "outdated", ID: u.Text.ID}
					marks[u.Text.ID] = m
				}
				if u.Block != nil {
					m.Blocks = append(m.Blocks, translation.Excerpt(u.Target))
				}
			}
			p.marks[lang] = marks
		}
	}
	var err error
	shown := p.shown()
	pages := published{p.site, shown}
	if p.downloads, p.csaf, err = export.Downloads(p.site, pages, shown); err != nil {
		return nil, err
	}
	for _, r := range p.site.Refs {
		to := p.site.Item(r.To.Name, r.ID)
		if to == nil || !p.published(r.From) {
			continue
		}
		// A field of the item itself; those of its events are in naming.
		if r.From.Kind.Field(r.Field.Name) == r.Field {
			p.refs[to] = append(p.refs[to], r)
		}
	}
	p.sorted = map[*content.Item][]namedBy{}
	for _, tl := range p.site.Items {
		for _, e := range tl.Events() {
			p.sorted[tl] = append(p.sorted[tl], namedBy{timeline: tl, event: e, date: e.Date("date")})
		}
		if !p.published(tl) {
			continue
		}
		refs := eventRefs(tl)
		for _, e := range p.sorted[tl] {
			for _, f := range refs {
				for _, id := range e.event.Strings(f.Name) {
					if to := p.site.Item(f.To, id); to != nil {
						p.naming[to] = append(p.naming[to], e)
					}
				}
			}
		}
	}
	return p, nil
}

// published reports whether a build shows the item: always in the preview.
func (p *preparer) published(it *content.Item) bool { return p.opts.Preview || p.held[it] == "" }

// shown are the items held back from the views: none in the preview.
func (p *preparer) shown() map[*content.Item]string {
	if p.opts.Preview {
		return nil
	}
	return p.held
}

// published tells the exports which pages the views publish (all but
// those held back), before Hugo gives their addresses: their folders are
// then relative, "" for a language's home.
type published struct {
	site *content.Site
	held map[*content.Item]string
}

func (pub published) Page(lang, path string) (export.Page, bool) {
	if path == "/" {
		return export.Page{}, true
	}
	section, id, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	k := pub.site.Project.Model.KindOfSection(section)
	if k == nil {
		return export.Page{}, false
	}
	it := pub.site.Item(k.Name, id)
	return export.Page{}, it != nil && pub.held[it] == "" && hasPage(it, lang)
}

// hasPage reports whether an item with pages has one in a language: a
// page written in Markdown may not be written in every language.
func hasPage(it *content.Item, lang string) bool {
	return it.Kind.Store != model.PagePerItem || it.Files[lang] != nil
}

// OtherFiles are the files a build as of the moment of held publishes
// besides Hugo's pages (the other formats, and the CSAF distributions'
// listings), for the site's link check.
func OtherFiles(site *content.Site, held map[*content.Item]string) ([]content.OtherFile, error) {
	return export.OtherFiles(site, published{site, held}, held)
}

// pagePath is the path Hugo knows an item's page by, the same in every
// language.
func pagePath(it *content.Item) string {
	switch {
	case it.Kind == model.Sections && it.ID == model.Home:
		return "/"
	case it.Kind == model.Sections:
		return "/" + it.ID
	}
	return pagePathOf(it.Kind, it.ID)
}

// pagePathOf is the path of the page of an item of a kind with pages.
func pagePathOf(k *model.Kind, id string) string { return "/" + k.Section + "/" + id }

// view returns an item's view in a language.
func (p *preparer) view(it *content.Item, lang string) *View {
	v := &View{Kind: it.Kind.Name, ID: it.ID, Label: it.Kind.Label, Schema: it.Kind.Schema, Fields: map[string]any{},
		Downloads: p.downloads[it][lang], Rank: p.rank[it]}
	if p.opts.Preview && p.held[it] != "" {
		v.Held = "draft"
		if !it.Draft() {
			v.Held = content.When(it.PublishAt())
		}
	}
	if d := it.Date("date"); d.Raw != "" {
		v.Date = p.day(d, lang)
		v.Lastmod = p.day(it.Lastmod(), lang)
	}
	if t := it.Text(it.Kind.Title); t != nil {
		v.Title = p.text(t, lang, false)
	}
	for _, f := range it.Kind.Fields {
		switch {
		case f.Type == model.Body:
			if t := it.Text(f.Name); t != nil {
				v.Body = p.text(t, lang, true)
				// A publication's text is prose; a section's introduction
				// is not.
				if it.Kind != model.Sections {
					v.Body.Terms = p.terms[lang].mark(v.Body, it)
				}
			}
		case f == it.Kind.EventsField():
			v.Years, v.Period = p.years(it, lang)
		case (f.Type == model.Ref || f.Type == model.Refs) && p.project.Model.Kind(f.To).Section != "":
			value := p.value(it, f, it.Values[f.Name], lang, true)
			links, _ := value.([]Link)
			if l, ok := value.(Link); ok {
				links = []Link{l}
			}
			v.Refs = append(v.Refs, RefField{To: f.To, Label: p.project.Model.Kind(f.To).Label, One: f.Type == model.Ref, Links: links})
			if value != nil {
				v.Fields[f.Name] = value
			}
		default:
			if value := p.value(it, f, it.Values[f.Name], lang, true); value != nil {
				v.Fields[f.Name] = value
			}
		}
	}
	// A timeline's summary comes in two parts, around its events.
	if summary, ok := v.Fields[it.Kind.Summary].(*Text); ok && it.Kind.EventsField() != nil {
		v.Lead, v.More = splitLead(summary)
	}
	for _, r := range p.refs[it] {
		if r.Lang == "" || r.Lang == lang {
			if path := pagePath(r.From); !slices.Contains(v.Referring, path) {
				v.Referring = append(v.Referring, path)
			}
		}
	}
	v.Referring = p.newestPaths(v.Referring)
	for _, n := range p.naming[it] {
		v.Naming = append(v.Naming, Naming{Path: pagePath(n.timeline), ID: n.event.String("id"), Date: p.day(n.date, lang),
			Text: p.text(n.event.Text("text"), lang, false)})
	}
	if it.Kind == model.Sections {
		p.sectionView(v, it, lang)
	}
	return v
}

// splitLead splits a text into its first paragraph, which carries the
// text's mark, and the others; the glossary terms stay the whole text's.
// A text whose parts must be rendered together stays whole, as its lead:
// footnotes and link references (a mark and its definition), code
// blocks and HTML (a blank line inside them is no paragraph's end), or a
// first block that is no paragraph.
func splitLead(t *Text) (lead, more *Text) {
	lead = &Text{MD: t.MD, Mark: t.Mark, ID: t.ID, From: t.From}
	md := strings.TrimSpace(t.MD)
	first, rest, _ := strings.Cut(md, "\n\n")
	if rest = strings.TrimSpace(rest); rest == "" || !plainParagraph(first) ||
		strings.ContainsAny(md, "<`~") || strings.Contains(md, "[^") || strings.Contains(md, "]:") || strings.Contains(md, "\n    ") {
		return lead, nil
	}
	lead.MD = first
	return lead, &Text{MD: rest}
}

// plainParagraph reports whether a block of Markdown is a paragraph, as
// Hugo reads it (not a heading, a list, a quotation, a table or a rule).
func plainParagraph(block string) bool {
	_, ok := content.ParseMarkdown([]byte(block)).FirstChild().(*ast.Paragraph)
	return ok
}

// value returns a field's value in a language, as the view holds it; nil
// for what pages do not show (slugs, flags, moments).
func (p *preparer) value(it *content.Item, f *model.Field, value any, lang string, deep bool) any {
	switch f.Type {
	case model.Text:
		if t, _ := value.(*content.Text); t != nil {
			text := p.text(t, lang, false)
			if f.Long {
				text.Terms = p.terms[lang].mark(text, it)
			}
			return text
		}
	case model.String, model.URL, model.ID:
		if s, _ := value.(string); s != "" {
			return s
		}
	case model.Date:
		if d, _ := value.(content.Date); d.Raw != "" {
			return p.day(d, lang)
		}
	case model.Words:
		if w, _ := value.(map[string][]string); len(w[lang]) > 0 {
			return w[lang]
		}
	case model.Ref:
		if id, _ := value.(string); id != "" {
			return p.link(f.To, id, lang, deep)
		}
	case model.Refs:
		var links []Link
		ids, _ := value.([]string)
		for _, id := range ids {
			links = append(links, p.link(f.To, id, lang, deep))
		}
		if len(links) > 0 {
			return links
		}
	case model.List:
		var list []any
		switch values := value.(type) {
		case []*content.Text:
			for _, t := range values {
				list = append(list, p.text(t, lang, false))
			}
		case []string:
			for _, s := range values {
				list = append(list, s)
			}
		case []content.Date:
			for _, d := range values {
				list = append(list, p.day(d, lang))
			}
		case []*content.Record:
			for _, r := range values {
				list = append(list, p.record(it, f.Record, r, lang))
			}
		}
		if len(list) > 0 {
			return list
		}
	}
	return nil
}

// record returns an element of a list of records.
func (p *preparer) record(it *content.Item, rec *model.Record, r *content.Record, lang string) map[string]any {
	m := map[string]any{}
	for _, f := range rec.Fields {
		if v := p.value(it, f, r.Values[f.Name], lang, true); v != nil {
			m[f.Name] = v
		}
	}
	return m
}

// link returns an item a field names: its page, or its own values for a
// kind without pages (an event's organizations).
func (p *preparer) link(kind, id, lang string, deep bool) Link {
	if k := p.project.Model.Kind(kind); k.Section != "" {
		// Its page's path, even when there is no such item (site check
		// refuses the reference): Hugo finds no page there.
		return Link{Path: pagePathOf(k, id)}
	}
	to := p.site.Item(kind, id)
	if to == nil {
		return Link{}
	}
	l := Link{Fields: map[string]any{}}
	if deep {
		for _, f := range to.Kind.Fields {
			if f.Type == model.Text {
				if v := p.value(to, f, to.Values[f.Name], lang, false); v != nil {
					l.Fields[f.Name] = v
				}
			}
		}
	}
	return l
}

// text returns a text in a language. A missing translation is shown in
// the first language that has it, marked; the preview marks an outdated
// one.
func (p *preparer) text(t *content.Text, lang string, body bool) *Text {
	if t == nil {
		return &Text{}
	}
	out := &Text{MD: t.Values[lang]}
	if m := p.marks[lang][t.ID]; m != nil {
		out.Mark, out.ID, out.Blocks = m.Mark, m.ID, m.Blocks
	}
	if out.MD == "" {
		for _, l := range p.project.Languages {
			if t.Values[l.Code] != "" {
				// Marked in any build: the text is in another language
				// (site build refuses it; the preview shows it).
				out.MD = t.Values[l.Code]
				out.Mark, out.ID, out.From = "missing", t.ID, l.Locale
				break
			}
		}
	}
	return out
}

// eventRefs are the reference fields of a timeline's events.
func eventRefs(tl *content.Item) []*model.Field {
	var fields []*model.Field
	if f := tl.Kind.EventsField(); f != nil {
		for _, ef := range f.Record.Fields {
			if ef.Type == model.Refs || ef.Type == model.Ref {
				fields = append(fields, ef)
			}
		}
	}
	return fields
}

// years returns a timeline's events, sorted, grouped by year, and the
// period they cover.
func (p *preparer) years(tl *content.Item, lang string) ([]Year, *Period) {
	var years []Year
	events := p.sorted[tl]
	if len(events) == 0 {
		return nil, nil
	}
	for _, e := range events {
		year := e.date.Raw[:min(4, len(e.date.Raw))]
		if len(years) == 0 || years[len(years)-1].Year != year {
			years = append(years, Year{Year: year})
		}
		y := &years[len(years)-1]
		y.Events = append(y.Events, p.record(tl, tl.Kind.EventsField().Record, e.event, lang))
	}
	return years, &Period{From: p.day(events[0].date, lang), To: p.day(events[len(events)-1].date, lang), Count: len(events)}
}

// newestPaths sorts pages' paths newest first: by date, then in the
// model's order of kinds, then by id, the same order in every language.
func (p *preparer) newestPaths(paths []string) []string {
	slices.SortFunc(paths, func(a, b string) int { return cmp.Compare(p.rank[p.byPath[a]], p.rank[p.byPath[b]]) })
	return paths
}

func (p *preparer) newer(a, b *content.Item) int {
	return cmp.Or(-cmp.Compare(a.Date("date").Raw, b.Date("date").Raw), cmp.Compare(p.order[a.Kind], p.order[b.Kind]), cmp.Compare(a.ID, b.ID))
}

// sectionView adds what the home page and the sections list.
func (p *preparer) sectionView(v *View, it *content.Item, lang string) {
	var pages []*content.Item
	for _, other := range p.site.Items {
		if other.Kind.Section == "" || !p.published(other) || !hasPage(other, lang) {
			continue
		}
		if it.ID == model.Home || other.Kind.Section == it.ID {
			pages = append(pages, other)
		}
	}
	slices.SortFunc(pages, func(a, b *content.Item) int { return cmp.Compare(p.rank[a], p.rank[b]) })
	// A section changes when one of its pages does.
	lastmod := ""
	for _, page := range pages {
		lastmod = max(lastmod, page.Lastmod().Raw)
	}
	if lastmod != "" {
		v.Lastmod = p.day(content.Date{Raw: lastmod}, lang)
	}
	for _, d := range p.csaf {
		if d.Lang == lang && len(d.Advisories) > 0 && d.Advisories[0].Bulletin.Kind.Section == it.ID {
			// The bulletins' section links their distribution.
			v.Downloads = append(v.Downloads, export.Download{File: export.DistributionFolder, Home: true, Type: "text/html", Label: "csafTitle"})
		}
	}
	if it.ID != model.Home {
		return
	}
	v.OutdatedMessages = p.messages[lang]
	for _, k := range p.project.Model.Kinds {
		if k.Section == "" {
			continue
		}
		v.Sections = append(v.Sections, "/"+k.Section)
		if k.Termbase {
			// A new term of the glossary is no news.
			continue
		}
		// A few of each kind, so that every kind is there.
		n := 0
		for _, page := range pages {
			if page.Kind == k && n < 3 {
				v.WhatsNew = append(v.WhatsNew, pagePath(page))
				n++
			}
		}
	}
	v.WhatsNew = p.newestPaths(v.WhatsNew)
}
