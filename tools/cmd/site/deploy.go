package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/cyberpub/site/tools/deploy"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
)

type deployCommand struct {
	source, destination string
	target, segment     string
	searchIndex         bool
	dryRun, adopt       bool
	unsigned            bool
	maxDeletes          int
	wait                time.Duration
}

func (*deployCommand) name() string { return "deploy" }
func (*deployCommand) synopsis() string {
	return "deploy [--source DIR] [--destination DIR] [--target NAME] [--segment NAME | --search-index] [--dry-run] [--max-deletes N] [--wait DURATION] [--adopt] [--unsigned]"
}
func (*deployCommand) help() string {
	return `Uploads the last build to a target of config.toml's [deployment].
Only what changed since the last deploy is uploaded, each file with its
type and caching: fingerprinted assets first, then the other files, then
the pages, then the feeds and indexes that name them; what the build no
longer has is deleted last. A deploy deletes only files that its part of
the site (the whole site, a segment, the search index) put there, and
replaces nothing that no deploy of the site put there. Interrupted, it
leaves every page readable, and the next deploy finishes it. Credentials
come from the environment (docs/deploy.md). When the target names a
CloudFront distribution, the changed addresses are invalidated. Deploys
into one target take turns: a deploy waits (--wait) for another to end.`
}
func (c *deployCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.destination, "destination", "", "the build to deploy, as site build --destination named it (default: public/ in the site's root folder)")
	fs.StringVar(&c.target, "target", "", "the name of the target of config.toml's [[deployment.targets]] (default: the first)")
	fs.StringVar(&c.segment, "segment", "", "the segment the build in --destination is of (site build --segment): the deploy owns only its files")
	fs.BoolVar(&c.searchIndex, "search-index", false, "deploy only the search index in --destination's pagefind/, which Pagefind wrote over segments built apart and merged (docs/deploy.md)")
	fs.BoolVar(&c.dryRun, "dry-run", false, "print what the deploy would upload and delete, and why, and change nothing")
	fs.IntVar(&c.maxDeletes, "max-deletes", deploy.DefaultMaxDeletes, "the most files the deploy may delete; it refuses to delete more")
	fs.DurationVar(&c.wait, "wait", 10*time.Minute, "how long to wait for another deploy into the target to end (deploys into one target take turns)")
	fs.BoolVar(&c.adopt, "adopt", false, "replace the objects at the site's addresses that no deploy of the site put there (refused without it)")
	fs.BoolVar(&c.unsigned, "unsigned", false, "deploy a build made without the publisher's key over signed advisories, deleting their signatures (refused without it)")
}

func (c *deployCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("deploy takes no arguments")
	}
	if c.searchIndex && c.segment != "" {
		return usageError("--search-index deploys the search index alone, which no segment has: give one or the other")
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return err
	}
	p, problems := project.Open(root)
	if problems != nil {
		return problems
	}
	if c.segment != "" && !slices.Contains(p.Segments, c.segment) {
		return usageError(fmt.Sprintf("unknown segment %q: config.toml declares %s; give the one the build was made with", c.segment, strings.Join(p.Segments, ", ")))
	}
	config, problems := deploy.ReadConfig(p)
	if problems != nil {
		return problems
	}
	target, err := config.Target(c.target)
	if err != nil {
		return err
	}
	dest := c.destination
	if dest == "" {
		dest = filepath.Join(root, "public")
	}
	read := func() (deploy.Part, error) {
		if c.searchIndex {
			return deploy.SearchIndexPart(dest)
		}
		out, err := render.ReadOutput(dest)
		if err != nil {
			return deploy.Part{}, err
		}
		return deploy.BuildPart(out, c.segment)
	}
	// A folder that is no build is refused at once; one that is, is read
	// again once no build replaces it while it is read.
	if _, err := read(); err != nil {
		return err
	}
	unlock, err := render.LockOutput(dest, func() {
		fmt.Fprintf(stderr, "site deploy: a build is writing %s, or another deploy is reading it; waiting for it to end\n", dest)
	})
	if err != nil {
		return err
	}
	defer unlock()
	part, err := read()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A reader of the output gone (site deploy | head) is no reason to
	// stop half-way, holding the target's lock: the deploy goes on, its
	// lines unread.
	signal.Ignore(syscall.SIGPIPE)
	fmt.Fprintf(stdout, "deploying %s to %s (%s)\n", dest, target.Name, target.URL)
	plan, err := deploy.Deploy(ctx, target, part, deploy.Options{Matchers: config.Matchers, DryRun: c.dryRun, MaxDeletes: c.maxDeletes, Adopt: c.adopt, Unsigned: c.unsigned, Wait: c.wait}, stdout)
	if err != nil {
		return err
	}
	paths := deploy.InvalidationPaths(plan.Changed)
	cdn := target.CloudFrontDistributionID != "" && len(paths) > 0
	switch {
	case c.dryRun && cdn:
		fmt.Fprintf(stdout, "would invalidate %s of CloudFront distribution %s\n", count(len(paths), "path"), target.CloudFrontDistributionID)
		fallthrough
	case c.dryRun:
		fmt.Fprintln(stdout, "dry run: nothing was changed")
		return nil
	case cdn:
		id, err := deploy.Invalidate(ctx, target, paths)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "invalidated %s of CloudFront distribution %s (invalidation %s)\n", count(len(paths), "path"), target.CloudFrontDistributionID, id)
	}
	fmt.Fprintf(stdout, "deployed to %s\n", target.Name)
	return nil
}
