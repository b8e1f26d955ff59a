package translation

// ToolMessages are the catalogue messages the site command shows itself,
// in the reader's language, beside those of the templates: the preview's
// page of problems (tools/preview/problems.html). The catalogue check
// counts them as used; a site without them gets the preview's page in the
// source language, or with the messages' keys.
var ToolMessages = []string{
	"previewProblemsTitle",
	"previewProblemsIntro",
	"previewProblemsWarning",
	"previewProblemsHint",
	"previewProblemsErrors",
	"previewProblemsWarnings",
}
