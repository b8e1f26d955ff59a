package main

import (
	"strings"
	"testing"
)

func TestEveryCommandHasHelp(t *testing.T) {
	var check func(prefix []string, cmds []command)
	check = func(prefix []string, cmds []command) {
		for _, c := range cmds {
			args := append(append([]string{}, prefix...), c.name())
			if g, ok := c.(group); ok {
				code, stdout, _ := runSite(t, append(args, "--help")...)
				if code != 0 || !strings.Contains(stdout, "usage: site "+strings.Join(args, " ")+" COMMAND") {
					t.Errorf("site %s --help: exit %d\n%s", strings.Join(args, " "), code, stdout)
				}
				check(args, g.commands())
				continue
			}
			code, _, stderr := runSite(t, append(args, "--help")...)
			if code != 0 || !strings.Contains(stderr, "usage: site "+strings.Join(prefix, " ")) || !strings.Contains(stderr, "-source") {
				t.Errorf("site %s --help: exit %d\n%s", strings.Join(args, " "), code, stderr)
			}
			// --json is for what has something to say to scripts.
			if strings.Contains(stderr, "-json") != (c.name() == "status") {
				t.Errorf("site %s --help: --json where it means nothing, or not where it does:\n%s", strings.Join(args, " "), stderr)
			}
		}
	}
	check(nil, commands())
	if code, stdout, _ := runSite(t, "help"); code != 0 || !strings.Contains(stdout, "  build    Checks the site's data, then renders the site for publication.") {
		t.Errorf("site help: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runSite(t, "publish"); code != 2 || !strings.Contains(stderr, `unknown command "publish"`) {
		t.Errorf("site publish: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runSite(t, "i18n", "sync"); code != 2 || !strings.Contains(stderr, `site i18n: unknown command "sync"`) {
		t.Errorf("site i18n sync: exit %d\n%s", code, stderr)
	}
	// extract takes its language as export does.
	if code, _, stderr := runSite(t, "i18n", "extract", "--help"); code != 0 || !strings.Contains(stderr, "-lang") {
		t.Errorf("site i18n extract --help: exit %d\n%s", code, stderr)
	}
}
