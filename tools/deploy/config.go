package deploy

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
)

// Config is config.toml's [deployment], written as Hugo's deployment
// configuration is (https://gohugo.io/host-and-deploy/deploy-with-hugo-deploy/),
// keys in any case as Hugo reads them.
type Config struct {
	Targets  []Target
	Matchers []Matcher
}

// Target is a place the site is deployed to.
type Target struct {
	Name string
	// URL is the bucket's, as gocloud.dev/blob opens it: s3://BUCKET?region=…,
	// gs://BUCKET, azblob://CONTAINER, file:///PATH. Credentials come from the
	// environment, never from it.
	URL string
	// CloudFrontDistributionID, when set, is the CloudFront distribution
	// whose cache a deploy invalidates for what it changed.
	CloudFrontDistributionID string
}

// folder is the target's folder when it is one (file://), or "": the
// deploy does there what a store does itself (a lock created only if
// absent, no empty folders left).
func (t Target) folder() string {
	if u, err := url.Parse(t.URL); err == nil && u.Scheme == "file" {
		return filepath.FromSlash(u.Path)
	}
	return ""
}

// Matcher sets the headers of the files whose path, slash-separated from
// the top of the site, matches its pattern; the first that matches a file
// applies, over the defaults of its kind (Rules).
type Matcher struct {
	Pattern      *regexp.Regexp
	CacheControl string
	ContentType  string
}

// ReadConfig reads config.toml's [deployment]. A site without one has no
// targets.
func ReadConfig(p *project.Project) (Config, diag.List) {
	r := configReader{p: p}
	var c Config
	deployment, _ := p.Config["deployment"].(map[string]any)
	for key, value := range deployment {
		switch strings.ToLower(key) {
		case "targets":
			for i, t := range r.tables(value, "deployment", key) {
				c.Targets = append(c.Targets, r.target(t, "deployment", key, strconv.Itoa(i)))
			}
		case "matchers":
			for i, m := range r.tables(value, "deployment", key) {
				c.Matchers = append(c.Matchers, r.matcher(m, "deployment", key, strconv.Itoa(i)))
			}
		case "maxdeletes", "dryrun", "force", "target", "confirm", "invalidatecdn", "workers":
			r.problem(fmt.Sprintf("deployment.%s is a choice of each deploy, not a setting", key),
				"remove it; give site deploy the option instead (site deploy --help)", "deployment", key)
		case "order":
			r.problem("deployment.order is not used: site deploy uploads fingerprinted assets first, then the other files, then the pages, then the listings that name them",
				"remove it", "deployment", key)
		default:
			r.unknown(key, "targets, matchers", "deployment", key)
		}
	}
	names := map[string]bool{}
	for i, t := range c.Targets {
		if t.Name != "" && names[t.Name] {
			r.problem(fmt.Sprintf("a second target is named %q", t.Name), "give each target a name of its own", "deployment", "targets", strconv.Itoa(i))
		}
		names[t.Name] = true
	}
	return c, r.problems
}

// Target returns the target of that name, or the first when name is empty.
func (c Config) Target(name string) (Target, error) {
	if len(c.Targets) == 0 {
		return Target{}, fmt.Errorf("config.toml declares no deployment targets: add a [[deployment.targets]] with its name and url (docs/deploy.md)")
	}
	if name == "" {
		return c.Targets[0], nil
	}
	var names []string
	for _, t := range c.Targets {
		if t.Name == name {
			return t, nil
		}
		names = append(names, fmt.Sprintf("%q", t.Name))
	}
	return Target{}, fmt.Errorf("no deployment target is named %q: config.toml declares %s", name, diag.And(names))
}

type configReader struct {
	p        *project.Project
	problems diag.List
}

func (r *configReader) problem(message, hint string, path ...string) {
	line, col := r.p.ConfigPosition(path...)
	r.problems = append(r.problems, diag.Problem{File: project.ConfigFile, Line: line, Col: col, Message: message, Hint: hint})
}

func (r *configReader) unknown(key, known string, path ...string) {
	r.problem(fmt.Sprintf("%s is not a setting of %s", key, strings.Join(path[:len(path)-1], ".")),
		"the settings are "+known+"; check its spelling", path...)
}

// tables reads an array of tables ([[deployment.targets]]).
func (r *configReader) tables(value any, path ...string) []map[string]any {
	if v, ok := value.([]map[string]any); ok {
		return v
	}
	v, ok := value.([]any)
	var tables []map[string]any
	for _, t := range v {
		m, isTable := t.(map[string]any)
		ok = ok && isTable
		tables = append(tables, m)
	}
	if !ok {
		r.problem(path[len(path)-1]+" is a list of tables", "write each as [["+strings.Join(path, ".")+"]], followed by its settings", path...)
		return nil
	}
	return tables
}

// str reads a string setting.
func (r *configReader) str(value any, path ...string) string {
	s, ok := value.(string)
	if !ok {
		r.problem(path[len(path)-1]+" is text", `write it between quotes`, path...)
	}
	return s
}

func (r *configReader) target(t map[string]any, path ...string) Target {
	var target Target
	for key, value := range t {
		at := append(slices.Clone(path), key)
		switch strings.ToLower(key) {
		case "name":
			target.Name = r.str(value, at...)
		case "url":
			target.URL = r.str(value, at...)
			r.checkURL(target.URL, at...)
		case "cloudfrontdistributionid":
			target.CloudFrontDistributionID = r.str(value, at...)
		case "googlecloudcdnorigin":
			r.problem("site deploy cannot invalidate Google Cloud CDN's cache",
				"remove it, and invalidate after a deploy with gcloud compute url-maps invalidate-cdn-cache, or let the cache expire (docs/deploy.md)", at...)
		case "include", "exclude", "stripindexhtml":
			r.problem(key+" is not used: a deploy publishes every file its build wrote, at the address the build gave it",
				"remove it; to publish a part of the site, build that segment (docs/deploy.md)", at...)
		default:
			r.unknown(key, "name, url and cloudFrontDistributionID", at...)
		}
	}
	if target.Name == "" || target.URL == "" {
		r.problem("a deployment target needs a name and a url", `give both: name = "production", url = "s3://BUCKET?region=REGION"`, path...)
	}
	return target
}

// checkURL refuses a target address gocloud.dev cannot open, or one that
// holds a credential: config.toml is in the repository.
func (r *configReader) checkURL(s string, path ...string) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		r.problem(fmt.Sprintf("the url %q cannot be read: %v", s, err), "write it as s3://BUCKET?region=REGION, gs://BUCKET, azblob://CONTAINER or file:///PATH", path...)
	case u.User != nil || secretIn(u.Query()):
		r.problem("the url holds a user name, a password or a key, which a repository must never hold",
			"remove it: site deploy takes credentials from the environment (docs/deploy.md)", path...)
	case !slices.Contains([]string{"s3", "gs", "azblob", "file"}, u.Scheme):
		r.problem(fmt.Sprintf("site deploy cannot deploy to a %q url", u.Scheme), "write it as s3://BUCKET?region=REGION, gs://BUCKET, azblob://CONTAINER or file:///PATH", path...)
	}
}

// secretIn reports whether a target's settings hold a credential: an
// address with a user or password (an endpoint's), or a setting named as
// keys and tokens are (a SAS token's sig, an access key).
func secretIn(query url.Values) bool {
	for name, values := range query {
		lower := strings.ToLower(name)
		for _, word := range []string{"key", "secret", "token", "password", "sig", "credential"} {
			if strings.Contains(lower, word) && lower != "kmskeyid" {
				return true
			}
		}
		for _, v := range values {
			if u, err := url.Parse(v); err == nil && u.User != nil {
				return true
			}
		}
	}
	return false
}

func (r *configReader) matcher(m map[string]any, path ...string) Matcher {
	var matcher Matcher
	hasPattern := false
	for key, value := range m {
		at := append(slices.Clone(path), key)
		switch strings.ToLower(key) {
		case "pattern":
			hasPattern = true
			pattern := r.str(value, at...)
			re, err := regexp.Compile(pattern)
			if err != nil {
				r.problem(fmt.Sprintf("the pattern %q is not a regular expression Go reads: %v", pattern, err), `write it as Go's regexp package reads it: "^en/.*\\.html$"`, at...)
			}
			matcher.Pattern = re
		case "cachecontrol":
			matcher.CacheControl = r.str(value, at...)
		case "contenttype":
			matcher.ContentType = r.str(value, at...)
		case "gzip", "contentencoding":
			r.problem(key+" is not used: site deploy uploads the files as the build wrote them",
				"remove it, and let the CDN compress what it serves", at...)
		case "force":
			r.problem("force is not used: a file whose headers a matcher changes is uploaded again", "remove it", at...)
		default:
			r.unknown(key, "pattern, cacheControl and contentType", at...)
		}
	}
	if !hasPattern {
		r.problem("a matcher needs a pattern", `give the regular expression of the paths it applies to: pattern = "^en/.*\\.html$"`, path...)
	}
	return matcher
}
