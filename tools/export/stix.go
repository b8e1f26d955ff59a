package export

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"

	"github.com/cyberpub/site/tools/content"
)

// threatActorJobs are the STIX bundle of each published threat actor, the
// same in every language's folder.
func (e *exporter) threatActorJobs() []func() error {
	var jobs []func() error
	for _, actor := range e.site.Of(threatActorKind) {
		if e.held[actor] != "" {
			continue
		}
		jobs = append(jobs, func() error {
			if err := e.threatActor(actor); err != nil {
				return fmt.Errorf("export: threat actor %q: %w", actor.ID, err)
			}
			return nil
		})
	}
	return jobs
}

func (e *exporter) threatActor(actor *content.Item) error {
	var doc []byte
	for _, lang := range e.write {
		pg, ok := e.page(actor, lang)
		if !ok {
			continue
		}
		if doc == nil {
			var err error
			if doc, err = e.encodeJSON(e.stixBundle(actor)); err != nil {
				return err
			}
		}
		if err := e.writeBeside(pg, stixFile.File, doc); err != nil {
			return err
		}
	}
	return nil
}

// The STIX 2.1 objects of a profile, each field in the order of their
// names.
type (
	stixBundle struct {
		ID      string `json:"id"`
		Objects []any  `json:"objects"`
		Type    string `json:"type"`
	}
	intrusionSet struct {
		Aliases            []string            `json:"aliases,omitempty"`
		Created            string              `json:"created"`
		Description        string              `json:"description"`
		ExternalReferences []externalReference `json:"external_references"`
		ID                 string              `json:"id"`
		Lang               string              `json:"lang"`
		Modified           string              `json:"modified"`
		Name               string              `json:"name"`
		SpecVersion        string              `json:"spec_version"`
		Type               string              `json:"type"`
	}
	externalReference struct {
		Description string `json:"description"`
		SourceName  string `json:"source_name"`
		URL         string `json:"url"`
	}
	identity struct {
		Created       string `json:"created"`
		ID            string `json:"id"`
		IdentityClass string `json:"identity_class"`
		Lang          string `json:"lang"`
		Modified      string `json:"modified"`
		Name          string `json:"name"`
		SpecVersion   string `json:"spec_version"`
		Type          string `json:"type"`
	}
	relationship struct {
		Created          string `json:"created"`
		ID               string `json:"id"`
		Modified         string `json:"modified"`
		RelationshipType string `json:"relationship_type"`
		SourceRef        string `json:"source_ref"`
		SpecVersion      string `json:"spec_version"`
		TargetRef        string `json:"target_ref"`
		Type             string `json:"type"`
	}
	languageContent struct {
		Contents       map[string]map[string]string `json:"contents"` // by language, then field
		Created        string                       `json:"created"`
		ID             string                       `json:"id"`
		Modified       string                       `json:"modified"`
		ObjectModified string                       `json:"object_modified"`
		ObjectRef      string                       `json:"object_ref"`
		SpecVersion    string                       `json:"spec_version"`
		Type           string                       `json:"type"`
	}
)

const stixVersion = "2.1"

// stixBundle is a threat actor's profile as a STIX 2.1 bundle: an
// intrusion set with its aliases and its summary as description, an
// identity for its sponsor (attributed-to) and one for each kind of target
// (targets), in the site's first language, and, for each other language,
// a language-content object per object with its texts there. Times are the
// profile's date and last change.
func (e *exporter) stixBundle(actor *content.Item) stixBundle {
	source := e.langs[0]
	created, modified := e.stixTime(actor.Date("date")), e.stixTime(actor.Lastmod())
	id := func(typ, name string) string { return stixID(e.param(source, "publisher", "namespace"), typ, name) }
	plain := func(t *content.Text, lang string) string { return PlainText(pick(t, lang, e.langs)) }

	set := intrusionSet{Aliases: actor.Strings("aliases"), Created: created, Description: plain(actor.Text("summary"), source),
		ExternalReferences: []externalReference{}, ID: id("intrusion-set", actor.ID), Lang: source, Modified: modified,
		Name: actor.String("name"), SpecVersion: stixVersion, Type: "intrusion-set"}
	for _, lang := range e.langs {
		if pg, ok := e.page(actor, lang); ok {
			set.ExternalReferences = append(set.ExternalReferences, externalReference{Description: e.languageName(lang),
				SourceName: e.param(source, "publisher", "name"), URL: pg.Permalink})
		}
	}
	newIdentity := func(name, class string, t *content.Text) identity {
		return identity{Created: created, ID: id("identity", actor.ID+"/"+name), IdentityClass: class, Lang: source,
			Modified: modified, Name: plain(t, source), SpecVersion: stixVersion, Type: "identity"}
	}
	sponsor := newIdentity("sponsor", "organization", actor.Text("sponsor"))
	objects := []any{set, sponsor}
	// What each object says in words, to be said in each other language.
	type translated struct {
		id, field string
		text      *content.Text
	}
	words := []translated{{set.ID, "description", actor.Text("summary")}, {sponsor.ID, "name", actor.Text("sponsor")}}
	type relation struct{ typ, name, target string }
	relations := []relation{{"attributed-to", "attributed-to", sponsor.ID}}
	targets, _ := actor.Values["targets"].([]*content.Text)
	for i, target := range targets {
		class := newIdentity(fmt.Sprintf("targets/%d", i), "class", target)
		objects = append(objects, class)
		words = append(words, translated{class.ID, "name", target})
		relations = append(relations, relation{"targets", fmt.Sprintf("targets/%d", i), class.ID})
	}
	for _, r := range relations {
		objects = append(objects, relationship{Created: created, ID: id("relationship", actor.ID+"/"+r.name), Modified: modified,
			RelationshipType: r.typ, SourceRef: set.ID, SpecVersion: stixVersion, TargetRef: r.target, Type: "relationship"})
	}
	for _, lang := range e.langs[1:] {
		for _, w := range words {
			objects = append(objects, languageContent{Contents: map[string]map[string]string{lang: {w.field: plain(w.text, lang)}},
				Created: created, ID: id("language-content", w.id+"/"+lang), Modified: modified, ObjectModified: modified,
				ObjectRef: w.id, SpecVersion: stixVersion, Type: "language-content"})
		}
	}
	return stixBundle{ID: id("bundle", actor.ID), Objects: objects, Type: "bundle"}
}

func (e *exporter) stixTime(d content.Date) string {
	t, _, _ := d.Parse()
	return moment(t)
}

// stixID returns a STIX identifier, TYPE--UUID, the same on every build:
// its UUID is made, as a version 5 one is, from a SHA-1 of the site's
// namespace, the type and a name unique for the type on the site. It must
// never change: tools that read the bundles know the objects by it.
func stixID(namespace, typ, name string) string {
	sum := sha1.Sum([]byte(namespace + "/" + typ + "/" + name))
	h := hex.EncodeToString(sum[:])
	// RFC 4122's version (5) and variant (binary 10, then the digit's two low bits).
	variant := "89ab"[(sum[8]>>4)&0x3]
	return fmt.Sprintf("%s--%s-%s-5%s-%c%s-%s", typ, h[0:8], h[8:12], h[13:16], variant, h[17:20], h[20:32])
}
