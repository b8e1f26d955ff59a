// Package synthetic writes sites of any size for the benchmark: bilingual
// content of the shape editors write (timelines of events, bulletins,
// threat actor profiles, glossary terms), and the same words as a plain
// Hugo site of hand-written Markdown pages, so that this project's build
// is measured against Hugo alone on the same text.
//
// The content is made from a fixed seed: the same scale always gives the
// same files, byte for byte.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// text is one text in both languages.
type text struct{ en, fr string }

func (t text) in(lang string) string {
	if lang == "fr" {
		return t.fr
	}
	return t.en
}

var languages = []string{"en", "fr"}

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
	formsEn, formsFr []string
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
	organizations []organization
	terms         []term
	threatActors  []threatActor
	measures      []measure
	timelines     []timeline
	bulletins     []bulletin
}

// words are the vocabulary of the texts: ordinary words of the field in
// each language, at the same index, so that a sentence and its
// translation say the same thing in the same number of words.
var wordsEn = strings.Fields(`network server account password email report
	analysis system device access incident response government agency
	activity campaign attacker malware vulnerability patch update firewall
	log alert team partner service data information security operation
	officials client meeting briefing threat evidence analyst domain message
	link address infrastructure provider software hardware appliance`)
var wordsFr = strings.Fields(`réseau serveur compte motdepasse courriel rapport
	analyse système appareil accès incident intervention gouvernement organisme
	activité campagne attaquant maliciel vulnérabilité correctif miseàjour
	parefeu journal alerte équipe partenaire service données information
	sécurité opération responsables client réunion breffage menace preuve
	analyste domaine message lien adresse infrastructure fournisseur logiciel
	matériel dispositif`)

var verbsEn = strings.Fields(`reported shared detected blocked reviewed
	notified assessed confirmed investigated contained tracked published`)
var verbsFr = strings.Fields(`signalé partagé détecté bloqué examiné avisé
	évalué confirmé enquêté contenu suivi publié`)

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

// newCorpus makes the content of a site at scale s.
func newCorpus(s Scale) *corpus {
	r := rand.New(rand.NewPCG(1, uint64(s.TotalEvents())))
	c := &corpus{scale: s}
	for i := range 20 {
		n := name(i, 3)
		short := strings.ToUpper(n[:3])
		c.organizations = append(c.organizations, organization{
			id:    "org-" + n,
			name:  text{"Office of " + capitalize(n), "Bureau de " + capitalize(n)},
			short: text{short, short},
		})
	}
	for i := range s.Terms {
		n := name(i+len(syllables), 3) // apart from the organizations' names
		c.terms = append(c.terms, term{
			id:         "term-" + n,
			term:       text{n + "ing", n + "age"},
			definition: c.sentences(r, 2),
			formsEn:    []string{n + "ing", n + "ings"},
			formsFr:    []string{n + "age", n + "ages"},
		})
	}
	for i := range s.ThreatActors {
		c.threatActors = append(c.threatActors, threatActor{
			id:      fmt.Sprintf("apt%d", 100+i),
			name:    fmt.Sprintf("APT%d", 100+i),
			sponsor: text{"State of " + capitalize(name(i, 2)), "État de " + capitalize(name(i, 2))},
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
	return c
}

func appendNew(list []int, v int) []int {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// sentence is a sentence of about n words in both languages, now and then
// with a glossary term or an organization's short name in it.
func (c *corpus) sentence(r *rand.Rand, n int) text {
	en, fr := make([]string, 0, n+1), make([]string, 0, n+1)
	for i := range n {
		switch {
		case i == n/2:
			v := r.IntN(len(verbsEn))
			en, fr = append(en, verbsEn[v]), append(fr, verbsFr[v])
		case len(c.terms) > 0 && r.IntN(20) == 0:
			t := c.terms[r.IntN(len(c.terms))]
			en, fr = append(en, t.formsEn[0]), append(fr, t.formsFr[0])
		case r.IntN(25) == 0:
			o := c.organizations[r.IntN(len(c.organizations))]
			en, fr = append(en, o.short.en), append(fr, o.short.fr)
		default:
			w := r.IntN(len(wordsEn))
			en, fr = append(en, wordsEn[w]), append(fr, wordsFr[w])
		}
	}
	return text{capitalize(strings.Join(en, " ")) + ".", capitalize(strings.Join(fr, " ")) + "."}
}

func (c *corpus) sentences(r *rand.Rand, n int) text {
	var en, fr []string
	for range n {
		s := c.sentence(r, 10+r.IntN(15))
		en, fr = append(en, s.en), append(fr, s.fr)
	}
	return text{strings.Join(en, " "), strings.Join(fr, " ")}
}

func (c *corpus) paragraphs(r *rand.Rand, min, max int) []text {
	var ps []text
	for range min + r.IntN(max-min+1) {
		ps = append(ps, c.sentences(r, 3))
	}
	return ps
}

func paragraphText(ps []text) text {
	var en, fr []string
	for _, p := range ps {
		en, fr = append(en, p.en), append(fr, p.fr)
	}
	return text{strings.Join(en, "\n\n"), strings.Join(fr, "\n\n")}
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
