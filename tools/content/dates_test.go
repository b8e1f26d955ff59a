package content_test

import (
	"slices"
	"testing"

	"github.com/cyberpub/site/tools/content"
)

// Events are in the order of their dates, a month or a year after its
// days (it stands for the period as a whole).
func TestCompareDates(t *testing.T) {
	var dates []content.Date
	for _, d := range []string{"2021-03", "2022", "2021-03-01", "2020", "2021-02-28", "2021", "2021-03-31", "2021-04"} {
		dates = append(dates, content.Date{Raw: d})
	}
	slices.SortStableFunc(dates, content.CompareDates)
	want := []content.Date{{Raw: "2020"}, {Raw: "2021-02-28"}, {Raw: "2021-03-01"}, {Raw: "2021-03-31"}, {Raw: "2021-03"}, {Raw: "2021-04"}, {Raw: "2021"}, {Raw: "2022"}}
	if !slices.Equal(dates, want) {
		t.Errorf("sorted %v, want %v", dates, want)
	}
}
