package deploy_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/cyberpub/site/tools/deploy"
	"github.com/cyberpub/site/tools/internal/sitetest"
	"github.com/cyberpub/site/tools/project"
)

// openConfig opens a project whose config.toml is the languages and then
// deployment.
func openConfig(t *testing.T, deployment string) *project.Project {
	t.Helper()
	model, err := os.ReadFile(filepath.Join(sitetest.Root(t), project.ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	config := "[languages.en]\nweight = 1\n\n" + deployment
	p, problems := project.OpenFS(t.TempDir(), fstest.MapFS{
		project.ConfigFile: {Data: []byte(config)},
		project.ModelFile:  {Data: model},
	})
	if problems != nil {
		t.Fatal(problems)
	}
	return p
}

func TestConfigAsHugoWritesIt(t *testing.T) {
	p := openConfig(t, `
[[deployment.targets]]
name = "production"
URL = "s3://site?region=ca-central-1"
cloudFrontDistributionID = "E2EXAMPLE"

[[deployment.targets]]
name = "staging"
url = "file:///srv/staging?metadata=skip"

[[deployment.matchers]]
pattern = "^en/csaf/"
cacheControl = "public, max-age=600"
contentType = "application/json"
`)
	c, problems := deploy.ReadConfig(p)
	if problems != nil {
		t.Fatal(problems)
	}
	target, err := c.Target("")
	if err != nil || target != (deploy.Target{Name: "production", URL: "s3://site?region=ca-central-1", CloudFrontDistributionID: "E2EXAMPLE"}) {
		t.Errorf("the first target: %+v, %v", target, err)
	}
	if target, err := c.Target("staging"); err != nil || target.URL != "file:///srv/staging?metadata=skip" {
		t.Errorf("the target named staging: %+v, %v", target, err)
	}
	if _, err := c.Target("test"); err == nil || err.Error() != `no deployment target is named "test": config.toml declares "production" and "staging"` {
		t.Errorf("an unknown target: %v", err)
	}
	if len(c.Matchers) != 1 || c.Matchers[0].Pattern.String() != "^en/csaf/" || c.Matchers[0].CacheControl != "public, max-age=600" || c.Matchers[0].ContentType != "application/json" {
		t.Errorf("the matchers: %+v", c.Matchers)
	}
}

func TestConfigProblemsAreShownAtTheirPlace(t *testing.T) {
	for _, tc := range []struct {
		name, deployment, want string
	}{
		{"no targets", ``, "config.toml declares no deployment targets: add a [[deployment.targets]] with its name and url (docs/deploy.md)"},
		// A credential in config.toml would be in the repository.
		{"a password in the url", "[[deployment.targets]]\nname = \"production\"\nurl = \"s3://key:secret@site\"\n",
			"config.toml:6:8: the url holds a user name, a password or a key, which a repository must never hold; remove it: site deploy takes credentials from the environment (docs/deploy.md)"},
		{"a password in the endpoint", "[[deployment.targets]]\nname = \"production\"\nurl = \"s3://site?endpoint=https%3A%2F%2Fkey%3Asecret%40minio.example\"\n",
			"config.toml:6:8: the url holds a user name, a password or a key, which a repository must never hold; remove it: site deploy takes credentials from the environment (docs/deploy.md)"},
		{"a token in the url", "[[deployment.targets]]\nname = \"production\"\nurl = \"azblob://site?sig=abc&se=2030-01-01\"\n",
			"config.toml:6:8: the url holds a user name, a password or a key, which a repository must never hold; remove it: site deploy takes credentials from the environment (docs/deploy.md)"},
		{"an unknown store", "[[deployment.targets]]\nname = \"production\"\nurl = \"ftp://site.example\"\n",
			`config.toml:6:8: site deploy cannot deploy to a "ftp" url; write it as s3://BUCKET?region=REGION, gs://BUCKET, azblob://CONTAINER or file:///PATH`},
		{"a misspelt key", "[[deployment.targets]]\nname = \"production\"\nurl = \"s3://site\"\ncloudFrontDistributionId = \"E2\"\ncloudfrontDistribution = \"E2\"\n",
			"config.toml:8:27: cloudfrontDistribution is not a setting of deployment.targets.0; the settings are name, url and cloudFrontDistributionID; check its spelling"},
		{"no url", "[[deployment.targets]]\nname = \"production\"\n",
			`config.toml:4:1: a deployment target needs a name and a url; give both: name = "production", url = "s3://BUCKET?region=REGION"`},
		{"a pattern Go cannot read", "[[deployment.targets]]\nname = \"p\"\nurl = \"s3://site\"\n[[deployment.matchers]]\npattern = \"(\"\ncacheControl = \"no-cache\"\n",
			"config.toml:8:12: the pattern \"(\" is not a regular expression Go reads: error parsing regexp: missing closing ): `(`; write it as Go's regexp package reads it: \"^en/.*\\\\.html$\""},
		// Hugo would gzip; the CDN does it here.
		{"gzip", "[[deployment.targets]]\nname = \"p\"\nurl = \"s3://site\"\n[[deployment.matchers]]\npattern = \"css$\"\ngzip = true\n",
			"config.toml:9:8: gzip is not used: site deploy uploads the files as the build wrote them; remove it, and let the CDN compress what it serves"},
		{"a flag written as a setting", "[deployment]\nmaxDeletes = 10\n",
			"config.toml:5:14: deployment.maxDeletes is a choice of each deploy, not a setting; remove it; give site deploy the option instead (site deploy --help)"},
	} {
		c, problems := deploy.ReadConfig(openConfig(t, tc.deployment))
		got := ""
		if problems != nil {
			got = problems.Error()
		} else if _, err := c.Target(""); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
	}
}
