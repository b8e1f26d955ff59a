package deploy_test

import (
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cyberpub/site/tools/deploy"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"
)

// store is a target the tests deploy to, opened again to look at it as a
// reader of the bucket would.
type store struct {
	name   string
	target deploy.Target
	bucket *blob.Bucket
	// s3 is the S3 server's record of requests; nil for a folder.
	s3 *s3Server
	// dir is the folder of a file:// target.
	dir string
}

// stores returns a new S3-compatible store (gofakes3, in memory, behind a
// local HTTP server, reached by gocloud's s3blob with a custom endpoint and
// path-style addresses) and a new folder (file://), both empty.
func stores(t *testing.T) []*store {
	t.Helper()
	return []*store{s3Store(t), fileStore(t)}
}

func s3Store(t *testing.T) *store {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("site"); err != nil {
		t.Fatal(err)
	}
	s := &s3Server{fake: gofakes3.New(backend).Server(), headers: map[string]http.Header{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	// The credentials come from the environment, as in production; no
	// file or instance metadata of this machine is read.
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	u := "s3://site?region=ca-central-1&use_path_style=true&endpoint=" + url.QueryEscape(srv.URL)
	return &store{name: "s3", target: deploy.Target{Name: "s3", URL: u}, bucket: open(t, u), s3: s}
}

func fileStore(t *testing.T) *store {
	t.Helper()
	dir := t.TempDir()
	u := "file://" + filepath.ToSlash(dir)
	return &store{name: "file", target: deploy.Target{Name: "file", URL: u}, bucket: open(t, u), dir: dir}
}

func open(t *testing.T, u string) *blob.Bucket {
	t.Helper()
	b, err := blob.OpenBucket(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// s3Server is gofakes3 with a record of the writes and deletes it was asked
// for, in order, with the headers of each write; it refuses every write of
// a file of the site after failAfter of them, when failAfter is set.
type s3Server struct {
	fake      http.Handler
	mu        sync.Mutex
	log       []string
	headers   map[string]http.Header
	writes    int
	failAfter int
	onWrite   func() // called at each write of a file of the site
}

func (s *s3Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/site/")
	if r.Method == http.MethodPut || r.Method == http.MethodDelete {
		s.mu.Lock()
		if r.Method == http.MethodPut && !strings.HasPrefix(key, deploy.ManifestDir) {
			s.writes++
			if s.onWrite != nil {
				s.onWrite()
			}
			if s.failAfter > 0 && s.writes > s.failAfter {
				s.mu.Unlock()
				// Refused, as when the deploy's credentials are revoked
				// half-way: an error the client does not retry.
				w.WriteHeader(http.StatusForbidden)
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>the test's store refuses writes from now on</Message></Error>`)
				return
			}
		}
		s.log = append(s.log, r.Method+" "+key)
		if r.Method == http.MethodPut {
			s.headers[key] = r.Header.Clone()
		}
		s.mu.Unlock()
	}
	s.fake.ServeHTTP(w, r)
}

// requests returns the writes and deletes done since the last call.
func (s *s3Server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.log
	s.log = nil
	return log
}

// put puts an object in the store as someone other than site deploy.
func (s *store) put(t *testing.T, key, content string) {
	t.Helper()
	if err := s.bucket.WriteAll(context.Background(), key, []byte(content), nil); err != nil {
		t.Fatal(err)
	}
}

// contents returns every object the store holds, manifests included, as
// a reader of the bucket gets it.
func (s *store) contents(t *testing.T) map[string]string {
	t.Helper()
	ctx := context.Background()
	objects := map[string]string{}
	iter := s.bucket.List(nil)
	for {
		obj, err := iter.Next(ctx)
		if errors.Is(err, io.EOF) {
			return objects
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := s.bucket.ReadAll(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		objects[obj.Key] = string(data)
	}
}

// siteFiles returns the objects of the store but the manifests.
func (s *store) siteFiles(t *testing.T) map[string]string {
	t.Helper()
	files := s.contents(t)
	maps.DeleteFunc(files, func(key, _ string) bool { return strings.HasPrefix(key, deploy.ManifestDir) })
	return files
}

// headers returns the type and caching the store serves the object with:
// those the folder records, or those S3 was sent (gofakes3 keeps the type,
// not the caching).
func (s *store) headers(t *testing.T, key string) deploy.Headers {
	t.Helper()
	if s.s3 != nil {
		s.s3.mu.Lock()
		defer s.s3.mu.Unlock()
		h := s.s3.headers[key]
		return deploy.Headers{ContentType: h.Get("Content-Type"), CacheControl: h.Get("Cache-Control")}
	}
	attrs, err := s.bucket.Attributes(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return deploy.Headers{ContentType: attrs.ContentType, CacheControl: attrs.CacheControl}
}

// build writes a build's files into a new folder, and returns it as the
// part of the site name.
func build(t *testing.T, name string, files map[string]string) deploy.Part {
	t.Helper()
	dir := t.TempDir()
	for key, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return deploy.Part{Name: name, Dir: dir, Files: slices.Sorted(maps.Keys(files))}
}
