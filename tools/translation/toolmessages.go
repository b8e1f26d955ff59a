package translation

// ToolMessages are the catalogue messages the site command shows itself,
// in the reader's language, beside those of the templates: the preview's
// page of problems (tools/preview/problems.html) and review pages
// (review.html), and the words the views are written with
// (tools/prepare). The catalogue check counts them as used; a site
// without them gets the preview's pages in the source language, or with
// the messages' keys.
var ToolMessages = []string{
	"previewProblemsTitle",
	"previewProblemsIntro",
	"previewProblemsWarning",
	"previewProblemsHint",
	"previewProblemsErrors",
	"previewProblemsWarnings",
	// The preview's review pages (tools/preview/review.html).
	"previewReviewTitle", "previewReviewIntro", "previewReviewItemIntro",
	"previewReviewItem", "previewReviewText",
	"previewReviewCurrent", "previewReviewOutdated", "previewReviewMissing",
	"previewReviewChanges", "previewReviewNotRecorded", "previewReviewWarnings",
	"previewReviewMissingCount", "previewReviewOutdatedCount",
	// The words of the views (tools/prepare): dates, and the labels of the
	// other formats of a page (tools/export) and of the CSAF distribution.
	"dayOfMonth", "dateDay", "dateMonth",
	"downloadJSON", "downloadCSV", "downloadICS", "downloadSTIX", "downloadCSAF",
	"csafTitle", "csafYear",
	// The words of a CSAF advisory (tools/export).
	"csafInitialRelease", "csafUpdate", "csafSummary", "csafOriginal",
}
