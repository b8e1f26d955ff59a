// Package synthetic writes sites of any size for the benchmark: content
// in each of the site's languages, of the shape editors write (timelines
// of events, bulletins, threat actor profiles, glossary terms), and the
// same words as a plain Hugo site of hand-written Markdown pages, so that
// this project's build is measured against Hugo alone on the same text.
//
// The languages are the project's, from its config.toml. The words of a
// language are those of its lexicon (English and French have one); a
// language without one has the words of the site's first language that
// has one, each marked with its code ("network-es"), so that a third
// language is configuration and gives a whole site, and the words of the
// others stay the same.
//
// The content is made from a fixed seed: the same scale and languages
// always give the same files, byte for byte.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cyberpub/site/tools/project"
)

// Scale is how much content a synthetic site has.
type Scale struct {
	Timelines    int // timelines, each with Events events
	Events       int // events per timeline
	Bulletins    int
	ThreatActors int
	Terms        int // glossary terms
}

// TotalEvents is the number of events of the site, in each language.
func (s Scale) TotalEvents() int { return s.Timelines * s.Events }

// ScaleFor returns a site of about events events, in timelines of 50 as an
// archive grows, with bulletins, profiles and terms in proportion.
func ScaleFor(events int) Scale {
	const perTimeline = 50
	timelines := max(1, (events+perTimeline-1)/perTimeline)
	return Scale{
		Timelines:    timelines,
		Events:       min(events, perTimeline),
		Bulletins:    max(2, timelines/2),
		ThreatActors: max(2, timelines/10),
		Terms:        max(5, min(500, timelines/2)),
	}
}

// languagesOf reads the languages of the project at root, those of its
// synthetic sites: their codes in the site's order, and the site's title
// in each (config.toml's languages.CODE.title).
func languagesOf(root string) (codes, titles []string, err error) {
	p, problems := project.Open(root)
	if problems != nil {
		return nil, nil, fmt.Errorf("the project at %s: %w", root, problems)
	}
	languages, _ := p.Config["languages"].(map[string]any)
	for _, code := range p.Codes() {
		settings, _ := languages[code].(map[string]any)
		title, _ := settings["title"].(string)
		titles = append(titles, title)
	}
	return p.Codes(), titles, nil
}

// text is one text in each language of the corpus, in the site's order.
type text []string

type organization struct {
	id          string
	name, short text
}

type event struct {
	id            string
	date          time.Time
	actors        []int // organizations
	threatActors  []int
	text          text
	notes         []text
	emphasisFirst bool
}

type timeline struct {
	id      string
	title   text
	date    time.Time
	summary []text // paragraphs
	events  []event
}

type term struct {
	id               string
	term, definition text
	forms            [][]string // by language, as text: the term and its plural
}

type threatActor struct {
	id, name string
	sponsor  text
	targets  []text
	summary  []text
}

type bulletin struct {
	id                 string
	title, description text
	date               time.Time
	measures           []int
	threatActors       []int
	sections           []section
}

type section struct {
	heading    text
	paragraphs []text
}

type measure struct {
	id          string
	title, body text
	items       []text
}

// corpus is a whole synthetic site, as data; Write and WritePlain give it
// its two forms.
type corpus struct {
	scale         Scale
	languages     []string  // their codes, in the site's order: the order of each text's translations
	lexicons      []lexicon // by language, as languages
	sourceTitle   text      // the title of every timeline's source
	organizations []organization
	terms         []term
	threatActors  []threatActor
	measures      []measure
	timelines     []timeline
	bulletins     []bulletin
}

// lexicon is the words of a language the texts are made of. words and
// verbs are ordinary words of the field, at the same index in every
// language, so that a sentence and its translation say the same thing in
// the same number of words.
type lexicon struct {
	words, verbs []string
	office       string // before an organization's name: "Office of"
	state        string // before a sponsor's name: "State of"
	termEnding   string // after a made-up word, to make a glossary term of it
	plural       string // after a term, its plural
	source       string // the title of every timeline's source
	mark         string // after every word of a language made from another's: "-es"
}

// lexicons are the languages that have words of their own.
var lexicons = map[string]lexicon{
	"en": {
		words: strings.Fields(`network server account password email report
			analysis system device access incident response government agency
			activity campaign attacker malware vulnerability patch update firewall
			log alert team partner service data information security operation
			officials client meeting briefing threat evidence analyst domain message
			link address infrastructure provider software hardware appliance`),
		verbs: strings.Fields(`reported shared detected blocked reviewed
			notified assessed confirmed investigated contained tracked published`),
		office: "Office of", state: "State of", termEnding: "ing", plural: "s", source: "Synthetic source",
	},
	"fr": {
		words: strings.Fields(`réseau serveur compte motdepasse courriel rapport
			analyse système appareil accès incident intervention gouvernement organisme
			activité campagne attaquant maliciel vulnérabilité correctif miseàjour
			parefeu journal alerte équipe partenaire service données information
			sécurité opération responsables client réunion breffage menace preuve
			analyste domaine message lien adresse infrastructure fournisseur logiciel
			matériel dispositif`),
		verbs: strings.Fields(`signalé partagé détecté bloqué examiné avisé
			évalué confirmé enquêté contenu suivi publié`),
		office: "Bureau de", state: "État de", termEnding: "age", plural: "s", source: "Source synthétique",
	},
}

// lexiconsOf returns the lexicon of each language: its own, or the first
// language's that has one, each word marked with the language's code.
// A site none of whose languages has a lexicon is refused.
func lexiconsOf(languages []string) ([]lexicon, error) {
	var base *lexicon
	for _, lang := range languages {
		if l, ok := lexicons[lang]; ok {
			base = &l
			break
		}
	}
	if base == nil {
		return nil, fmt.Errorf("none of the languages %s has words for synthetic sites: add a lexicon for one of them to tools/synthetic", strings.Join(languages, ", "))
	}
	out := make([]lexicon, len(languages))
	for i, lang := range languages {
		if l, ok := lexicons[lang]; ok {
			out[i] = l
			continue
		}
		mark := "-" + lang
		out[i] = lexicon{words: markAll(base.words, mark), verbs: markAll(base.verbs, mark),
			office: markWords(base.office, mark), state: markWords(base.state, mark),
			termEnding: base.termEnding, plural: base.plural, source: markWords(base.source, mark), mark: mark}
	}
	return out, nil
}

func markAll(words []string, mark string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w + mark
	}
	return out
}

func markWords(s, mark string) string { return strings.Join(markAll(strings.Fields(s), mark), " ") }

// same is a text that is the same in every language: a name.
func (c *corpus) same(s string) text {
	t := make(text, len(c.languages))
	for i := range t {
		t[i] = s
	}
	return t
}

// each is a text made in each language from its lexicon.
func (c *corpus) each(f func(lexicon) string) text {
	t := make(text, len(c.languages))
	for i, l := range c.lexicons {
		t[i] = f(l)
	}
	return t
}

// syllables make the names of organizations, threat actors and terms:
// made-up words that never collide with the vocabulary.
var syllables = strings.Fields("ka lo mi ra tu ve zi no pa se du fo gi ha je wu")

func name(i, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	return b.String()
}

// newCorpus makes the content of a site at scale s in languages, their
// codes in the site's order.
func newCorpus(s Scale, languages []string) (*corpus, error) {
	lexicons, err := lexiconsOf(languages)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(1, uint64(s.TotalEvents())))
	c := &corpus{scale: s, languages: languages, lexicons: lexicons}
	c.sourceTitle = c.each(func(l lexicon) string { return l.source })
	for i := range 20 {
		n := name(i, 3)
		c.organizations = append(c.organizations, organization{
			id:    "org-" + n,
			name:  c.each(func(l lexicon) string { return l.office + " " + capitalize(n) }),
			short: c.same(strings.ToUpper(n[:3])),
		})
	}
	for i := range s.Terms {
		n := name(i+len(syllables), 3) // apart from the organizations' names
		t := term{id: "term-" + n, definition: c.sentences(r, 2)}
		for _, l := range c.lexicons {
			t.forms = append(t.forms, []string{n + l.termEnding + l.mark, n + l.termEnding + l.plural + l.mark})
		}
		t.term = c.each(func(l lexicon) string { return n + l.termEnding + l.mark })
		c.terms = append(c.terms, t)
	}
	for i := range s.ThreatActors {
		c.threatActors = append(c.threatActors, threatActor{
			id:      fmt.Sprintf("apt%d", 100+i),
			name:    fmt.Sprintf("APT%d", 100+i),
			sponsor: c.each(func(l lexicon) string { return l.state + " " + capitalize(name(i, 2)) }),
			targets: []text{c.sentence(r, 6), c.sentence(r, 6)},
			summary: c.paragraphs(r, 2, 4),
		})
	}
	for i := range 10 {
		c.measures = append(c.measures, measure{
			id:    fmt.Sprintf("measure-%02d", i+1),
			title: c.sentence(r, 6),
			body:  paragraphText(c.paragraphs(r, 2, 3)),
			items: []text{c.sentence(r, 12), c.sentence(r, 12), c.sentence(r, 12)},
		})
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range s.Timelines {
		t := timeline{
			id:      fmt.Sprintf("timeline-%05d", i+1),
			title:   c.sentence(r, 8),
			date:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2000),
			summary: c.paragraphs(r, 2, 4),
		}
		day := start.AddDate(0, 0, r.IntN(8000))
		for j := range s.Events {
			day = day.AddDate(0, 0, 1+r.IntN(5))
			e := event{
				id:            fmt.Sprintf("%s-e%03d", day.Format("2006-01-02"), j+1),
				date:          day,
				text:          c.sentence(r, 25+r.IntN(30)),
				emphasisFirst: r.IntN(4) == 0,
			}
			for range r.IntN(3) {
				e.actors = appendNew(e.actors, r.IntN(len(c.organizations)))
			}
			if len(c.threatActors) > 0 && r.IntN(5) == 0 {
				e.threatActors = []int{r.IntN(len(c.threatActors))}
			}
			if r.IntN(4) == 0 {
				e.notes = []text{c.sentence(r, 15)}
			}
			t.events = append(t.events, e)
		}
		c.timelines = append(c.timelines, t)
	}
	for i := range s.Bulletins {
		b := bulletin{
			id:          fmt.Sprintf("bulletin-%05d", i+1),
			title:       c.sentence(r, 9),
			description: c.sentence(r, 20),
			date:        time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1500),
		}
		for range 3 {
			b.measures = appendNew(b.measures, r.IntN(len(c.measures)))
		}
		if len(c.threatActors) > 0 {
			b.threatActors = []int{r.IntN(len(c.threatActors))}
		}
		for range 4 {
			b.sections = append(b.sections, section{heading: c.sentence(r, 5), paragraphs: c.paragraphs(r, 2, 4)})
		}
		c.bulletins = append(c.bulletins, b)
	}
	return c, nil
}

func appendNew(list []int, v int) []int {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// sentence is a sentence of about n words in each language, now and then
// with a glossary term or an organization's short name in it. The random
// choices are the same whatever the languages: a language added leaves
// the others' words as they were.
func (c *corpus) sentence(r *rand.Rand, n int) text {
	words := make([][]string, len(c.languages))
	for l := range words {
		words[l] = make([]string, 0, n+1)
	}
	for i := range n {
		switch {
		case i == n/2:
			v := r.IntN(len(c.lexicons[0].verbs))
			for l, lex := range c.lexicons {
				words[l] = append(words[l], lex.verbs[v])
			}
		case len(c.terms) > 0 && r.IntN(20) == 0:
			t := c.terms[r.IntN(len(c.terms))]
			for l := range words {
				words[l] = append(words[l], t.forms[l][0])
			}
		case r.IntN(25) == 0:
			o := c.organizations[r.IntN(len(c.organizations))]
			for l := range words {
				words[l] = append(words[l], o.short[l])
			}
		default:
			w := r.IntN(len(c.lexicons[0].words))
			for l, lex := range c.lexicons {
				words[l] = append(words[l], lex.words[w])
			}
		}
	}
	t := make(text, len(words))
	for l, ws := range words {
		t[l] = capitalize(strings.Join(ws, " ")) + "."
	}
	return t
}

func (c *corpus) sentences(r *rand.Rand, n int) text {
	ss := make([]text, n)
	for i := range ss {
		ss[i] = c.sentence(r, 10+r.IntN(15))
	}
	return joined(ss, " ")
}

func (c *corpus) paragraphs(r *rand.Rand, min, max int) []text {
	var ps []text
	for range min + r.IntN(max-min+1) {
		ps = append(ps, c.sentences(r, 3))
	}
	return ps
}

func paragraphText(ps []text) text { return joined(ps, "\n\n") }

// joined joins texts language by language.
func joined(ts []text, sep string) text {
	if len(ts) == 0 {
		return nil
	}
	t := make(text, len(ts[0]))
	parts := make([]string, len(ts))
	for l := range t {
		for i, s := range ts {
			parts[i] = s[l]
		}
		t[l] = strings.Join(parts, sep)
	}
	return t
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// emphasized puts the first word of s in bold, as editors do now and then.
func emphasized(s string) string {
	first, rest, _ := strings.Cut(s, " ")
	return "**" + first + "** " + rest
}
