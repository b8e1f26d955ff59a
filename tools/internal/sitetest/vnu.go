package sitetest

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"
)

// VNU runs the Nu Html Checker on files (HTML pages, and stylesheets
// ending in .css) and returns its errors, each as file:line:col: message;
// or stops the test when the checker is missing.
func VNU(t testing.TB, files ...string) []string {
	t.Helper()
	vnu := NodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java := Command(t, "java", "apt-get install default-jre-headless")
	args := append([]string{"-jar", vnu, "--errors-only", "--also-check-css", "--format", "json"}, files...)
	out, err := exec.Command(java, args...).CombinedOutput()
	var report struct {
		Messages []struct {
			URL        string `json:"url"`
			Message    string `json:"message"`
			LastLine   int    `json:"lastLine"`
			LastColumn int    `json:"lastColumn"`
			Extract    string `json:"extract"`
		} `json:"messages"`
	}
	if jsonErr := json.Unmarshal(out, &report); jsonErr != nil {
		t.Fatalf("vnu: %v, %v\n%s", err, jsonErr, out)
	}
	var errs []string
	for _, m := range report.Messages {
		errs = append(errs, fmt.Sprintf("%s:%d:%d: %s (%q)", m.URL, m.LastLine, m.LastColumn, m.Message, m.Extract))
	}
	if err != nil && len(errs) == 0 {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	return errs
}
