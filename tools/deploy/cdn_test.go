package deploy_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cyberpub/site/tools/deploy"
)

func TestInvalidationPaths(t *testing.T) {
	got := deploy.InvalidationPaths([]string{"index.html", "en/timelines/t/index.html", "en/feed.xml", "fr/chronologies/événements/index.html"})
	want := []string{"/index.html", "/", "/en/timelines/t/index.html", "/en/timelines/t/", "/en/feed.xml",
		"/fr/chronologies/%C3%A9v%C3%A9nements/index.html", "/fr/chronologies/%C3%A9v%C3%A9nements/"}
	if !slices.Equal(got, want) {
		t.Errorf("paths %v, want %v", got, want)
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("en/%d.json", i)
	}
	if got := deploy.InvalidationPaths(many); !slices.Equal(got, []string{"/*"}) {
		t.Errorf("101 files: %v, want the whole distribution", got)
	}
}

// CloudFront's own client (the AWS SDK's), pointed at a local server in its
// place by the SDK's setting for that, AWS_ENDPOINT_URL_CLOUDFRONT: what it
// sends is what CloudFront would get. (Whether CloudFront then serves the
// new files cannot be tested without an AWS account.)
func TestInvalidateAsksCloudFront(t *testing.T) {
	type batch struct {
		CallerReference string   `xml:"CallerReference"`
		Quantity        int      `xml:"Paths>Quantity"`
		Paths           []string `xml:"Paths>Items>Path"`
	}
	var got struct {
		method, path, auth string
		batch              batch
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.path, got.auth = r.Method, r.URL.Path, r.Header.Get("Authorization")
		body, _ := io.ReadAll(r.Body)
		if err := xml.Unmarshal(body, &got.batch); err != nil {
			t.Errorf("the request's body is not XML: %v\n%s", err, body)
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/E2EXAMPLE/invalidation/I2J0I21PCUYOIK")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-12-04T00:00:00Z</CreateTime>
<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/en/</Path></Items></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>`)
	}))
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	// The bucket's endpoint is the store's, which CloudFront is not.
	target := deploy.Target{Name: "production", URL: "s3://site?region=ca-central-1&endpoint=http%3A%2F%2F127.0.0.1%3A1&use_path_style=true", CloudFrontDistributionID: "E2EXAMPLE"}
	id, err := deploy.Invalidate(context.Background(), target, []string{"/en/index.html", "/en/"})
	if err != nil {
		t.Fatal(err)
	}
	if id != "I2J0I21PCUYOIK" {
		t.Errorf("invalidation %q, want CloudFront's id", id)
	}
	if got.method != http.MethodPost || got.path != "/2020-05-31/distribution/E2EXAMPLE/invalidation" {
		t.Errorf("request %s %s, want CreateInvalidation of the target's distribution", got.method, got.path)
	}
	if got.batch.Quantity != 2 || !slices.Equal(got.batch.Paths, []string{"/en/index.html", "/en/"}) || got.batch.CallerReference == "" {
		t.Errorf("invalidation batch %+v", got.batch)
	}
	if !strings.Contains(got.auth, "Credential=test-key/") || !strings.Contains(got.auth, "/cloudfront/aws4_request") {
		t.Errorf("the request is not signed for CloudFront with the environment's credentials: %q", got.auth)
	}
}
