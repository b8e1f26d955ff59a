package translation

// Memo keeps, from one check of a site to the next, what the checks found
// in each text, by the text itself, and each text's hash: the preview,
// which checks the site again at each change, works again only on the
// texts that changed. The problems are placed anew each time, so that a
// text that moved in its file is reported where it is now. A workspace
// whose Memo is nil works on every text (a nil Memo remembers nothing).
type Memo struct {
	typographyFound generations[typographyKey, []typographyHit]
	termsFound      generations[termsKey, []termHit]
	glossaries      map[string]string // the glossary's key the terms were found with, by language
	hashes          generations[string, string]
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{glossaries: map[string]string{}} }

type typographyKey struct {
	lang, text string
	message    bool
}

type termsKey struct{ lang, source, target string }

// typography returns typographyHits(lang, text, message), found once.
func (m *Memo) typography(lang, text string, message bool) []typographyHit {
	if m == nil {
		return typographyHits(lang, text, message)
	}
	key := typographyKey{lang, text, message}
	hits, ok := m.typographyFound.get(key)
	if !ok {
		hits = typographyHits(lang, text, message)
		m.typographyFound.put(key, hits)
	}
	return hits
}

// terminology returns terminologyHits(g, source, target), found once for
// a glossary: a change to the glossary finds them all again.
func (m *Memo) terminology(lang string, g *glossaryForms, source, target string) []termHit {
	if m == nil {
		return terminologyHits(g, source, target)
	}
	if m.glossaries[lang] != g.key {
		m.termsFound.forget(func(k termsKey) bool { return k.lang == lang })
		m.glossaries[lang] = g.key
	}
	key := termsKey{lang, source, target}
	hits, ok := m.termsFound.get(key)
	if !ok {
		hits = terminologyHits(g, source, target)
		m.termsFound.put(key, hits)
	}
	return hits
}

// hash returns Hash(s), worked out once.
func (m *Memo) hash(s string) string {
	if m == nil {
		return Hash(s)
	}
	h, ok := m.hashes.get(s)
	if !ok {
		h = Hash(s)
		m.hashes.put(s, h)
	}
	return h
}

// hashIf returns hashIf(s), with s's hash worked out once.
func (m *Memo) hashIf(s string) string {
	if isBlank(s) {
		return ""
	}
	return m.hash(s)
}

// turn ends a check: what it did not use is forgotten at the end of the
// next, so that the memo holds about what one site holds.
func (m *Memo) turn() {
	if m == nil {
		return
	}
	m.typographyFound.turn()
	m.termsFound.turn()
	m.hashes.turn()
}

// generations is a map whose entries last until a turn in which they were
// not used.
type generations[K comparable, V any] struct {
	old, cur map[K]V
}

func (g *generations[K, V]) get(k K) (V, bool) {
	if v, ok := g.cur[k]; ok {
		return v, true
	}
	v, ok := g.old[k]
	if ok {
		g.put(k, v)
	}
	return v, ok
}

func (g *generations[K, V]) put(k K, v V) {
	if g.cur == nil {
		g.cur = map[K]V{}
	}
	g.cur[k] = v
}

func (g *generations[K, V]) turn() { g.old, g.cur = g.cur, nil }

// forget removes the entries whose keys match.
func (g *generations[K, V]) forget(match func(K) bool) {
	for _, m := range []map[K]V{g.old, g.cur} {
		for k := range m {
			if match(k) {
				delete(m, k)
			}
		}
	}
}
