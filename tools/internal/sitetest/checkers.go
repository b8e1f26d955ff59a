package sitetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cyberpub/site/tools/project"
)

// InCI reports whether the tests run in continuous integration (.ci/run
// sets CI=true), where every checker must be there.
func InCI() bool { return os.Getenv("CI") != "" }

// Missing stops a test that needs a checker which is not installed: it
// fails in CI and is skipped elsewhere, in both cases saying how to
// install it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	msg := what + " is not installed: " + install + " (.ci/run installs everything the tests need)"
	if InCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// NodeModule returns a file of an npm package installed in the project
// (node_modules, from package-lock.json), or stops the test when it is
// missing.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(Root(t), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		Missing(t, rel, "run npm ci in the project's root")
	}
	return path
}

// NPMPackages stops the test when an npm package a build needs is not
// installed in the project: a build in a copy of the project, which links
// the project's node_modules, would not install it.
func NPMPackages(t testing.TB) {
	t.Helper()
	for _, rel := range project.NPMPackages {
		NodeModule(t, rel)
	}
}

// Command returns the path of a program, or stops the test when it is
// missing.
func Command(t testing.TB, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, install)
	}
	return path
}

// Schema returns an official schema of ../shared/schemas (XLIFF, STIX,
// CSAF), beside the project's folder as CI has it.
func Schema(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(Root(t), "..", "shared", "schemas", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the official schema %s is missing (%v): the tests run with ../shared beside the project's folder, as CI has it", rel, err)
	}
	return path
}

// TranslateToolkit runs a Python script with Debian's translate-toolkit,
// the library behind several CAT and review tools, and returns what it
// prints; or stops the test when the library is missing.
func TranslateToolkit(t testing.TB, script string, args ...string) []byte {
	t.Helper()
	// Debian's Python first: another one on the PATH (pyenv) does not see
	// Debian's packages.
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import translate.storage.factory").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		Missing(t, "translate-toolkit", "apt-get install translate-toolkit")
	}
	out, err := exec.Command(python, append([]string{"-c", script}, args...)...).Output()
	if err != nil {
		var stderr []byte
		if e, ok := err.(*exec.ExitError); ok {
			stderr = e.Stderr
		}
		t.Fatalf("translate-toolkit: %v\n%s", err, stderr)
	}
	return out
}
