package sitetest

// TimelineSpellings are the fixture's timeline written in other spellings
// of TOML: the same data, which must give the same site.
var TimelineSpellings = map[string]string{
	"sub-tables and arrays of tables": `# Every table written out.
date = 2023-01-10
lastmod = 2024-03-05

[slug]
fr = "chronologie-essai"

[title]
en = "Fixture timeline"
fr = "Chronologie d’essai"

[summary]
en = """
A *short* summary.

A second paragraph.
"""
fr = """
Un résumé *court*.

Un deuxième paragraphe.
"""

[[sources]]
url = "https://example.org/source"
date = "2021-06"
[sources.title]
en = "Source document"
fr = "Document source"

[[sources]]
title.en = "Printed document"
title.fr = "Document imprimé"

[[events]]
id = "2022-07-14-later"
date = 2022-07-14
threat_actors = ["apt99"]
[events.text]
en = "A later event, listed first in the file."
fr = "Un événement plus tardif, inscrit en premier dans le fichier."

[[events]]
id = "2021-03-01-first-of-month"
date = 2021-03-01
actors = ["cyber-centre", "hoc"]
[events.text]
en = "An event on the first of the month."
fr = "Un événement le premier du mois."
[[events.notes]]
en = "A first note."
fr = "Une première note."
[[events.notes]]
en = "A second note, with a [link](https://example.org/)."
fr = "Une deuxième note, avec un [lien](https://example.org/)."

[[events]]
id = "2021-03-month-only"
date = "2021-03"
actors = ["hoc"]
  [events.text]
  en = "Known only by its month."
  fr = "Connu seulement par son mois."

[[events]]
id = "2020-year-only"
date = "2020"
  [events.text]
  en = "Known only by its year."
  fr = "Connu seulement par son année."
`,
	"quoted keys, literal strings and one inline array": `"slug" = { 'fr' = 'chronologie-essai' }
"title"."en" = 'Fixture timeline'
'title'.fr = "Chronologie d\u2019essai"
"date" = 2023-01-10
'lastmod' = 2024-03-05
summary = { en = '''
A *short* summary.

A second paragraph.
''', fr = """
Un résumé *court*.

Un deuxième paragraphe.
""" }
sources = [{ title = { en = "Source document", fr = "Document source" }, url = 'https://example.org/source', date = '2021-06' }, { title = { en = "Printed document", fr = "Document imprimé" } }]
events = [
  { id = "2022-07-14-later", date = 2022-07-14, threat_actors = ["apt99"], text = { en = "A later event, listed first in the file.", fr = "Un événement plus tardif, inscrit en premier dans le fichier." } },
  { id = "2021-03-01-first-of-month", date = 2021-03-01, actors = ["cyber-centre", "hoc"], text = { en = "An event on the first of the month.", fr = "Un événement le premier du mois." }, notes = [
    { en = "A first note.", fr = "Une première note." },
    { en = "A second note, with a [link](https://example.org/).", fr = "Une deuxième note, avec un [lien](https://example.org/)." },
  ] },
  { id = "2021-03-month-only", date = "2021-03", actors = ["hoc"], text = { en = "Known only by its month.", fr = "Connu seulement par son mois." } },
  { id = "2020-year-only", date = "2020", text = { en = "Known only by its year.", fr = "Connu seulement par son année." } },
]
`,
}
