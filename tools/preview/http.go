package preview

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"path"
	"strings"

	"github.com/gohugoio/hugo/common/paths"
	"github.com/gohugoio/hugo/livereload"
	"github.com/spf13/afero"
)

// ServeHTTP serves the pages Hugo rendered into memory, as a static host
// serves the published site (a folder's index.html, each language's page
// for addresses that do not exist, the headers of _headers), the
// livereload script and its connection, the review pages (/_review/),
// and, while the site has an error, the page of problems instead of any
// page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.servesHost(r.Host) {
		http.Error(w, "the preview answers only at localhost: open it at "+s.URL(), http.StatusMisdirectedRequest)
		return
	}
	switch r.URL.Path {
	case "/livereload.js":
		livereload.ServeJS(w, r)
		return
	case "/livereload":
		livereload.Handler(w, r)
		return
	case problemsStyle:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(problemsCSS)
		return
	case reviewStyle:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(reviewCSS)
		return
	case strings.TrimSuffix(reviewPath, "/"):
		http.Redirect(w, r, reviewPath, http.StatusMovedPermanently)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "the preview only serves pages", http.StatusMethodNotAllowed)
		return
	}
	navigation := isNavigation(r)
	review := strings.HasPrefix(r.URL.Path, reviewPath)
	if navigation && !review {
		s.renderIfStale(r.URL.Path)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for name, value := range s.headers {
		w.Header().Set(name, value)
	}
	// Pages change as files do: the browser asks again each time.
	w.Header().Set("Cache-Control", "no-store")
	if s.problems.Errors() > 0 || s.h == nil {
		if navigation {
			s.servePage(w, r, http.StatusInternalServerError, s.problemsPage(r.URL.Path))
			return
		}
		if s.h == nil {
			http.NotFound(w, r)
			return
		}
	}
	if review {
		s.serveReview(w, r)
		return
	}
	s.serveFile(w, r)
}

// servesHost reports whether the preview answers a request for a host.
// Listening on a loopback address, it answers only for this machine's
// own names: a page of another site whose name a DNS server turns into
// 127.0.0.1 (DNS rebinding) would otherwise read the drafts and
// embargoed pages it shows. Bound to another address, it was asked to be
// reached by others, under any name.
func (s *Server) servesHost(host string) bool {
	if ip := net.ParseIP(s.o.Bind); s.o.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost")
}

// renderIfStale has Hugo render the page at path when it was not served
// lately, and so may not be rendered since its files changed.
func (s *Server) renderIfStale(p string) {
	p = paths.PathEscape(p)
	if s.visited.Contains(p) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.h == nil || s.problems.Errors() > 0 {
		return
	}
	if err := s.renderPage(p); err != nil {
		s.failed = s.asProblems(err)
		s.problems = append(append(s.problems[:0:0], s.update.Problems...), s.failed...)
		s.problems.Sort()
		s.o.Report(s.failed)
		return
	}
	s.visited.Add(p)
}

// serveFile serves a file Hugo published, a folder's index.html, or the
// page for addresses that do not exist.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	published := s.h.Deps.Fs.PublishDirServer
	name := path.Clean("/" + r.URL.Path)
	info, err := published.Stat(name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = published.Stat(name)
	}
	if err != nil {
		s.notFound(w, r)
		return
	}
	f, err := published.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// notFound serves the page for an address that does not exist: the one
// of the address's language, or the site's own, as the published site's
// hosts do.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	published := s.h.Deps.Fs.PublishDirServer
	for _, page := range []string{"/" + s.language(r.URL.Path) + "/404.html", "/404.html"} {
		if b, err := afero.ReadFile(published, page); err == nil {
			s.servePage(w, r, http.StatusNotFound, b)
			return
		}
	}
	http.NotFound(w, r)
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// language returns the language of an address: its first folder when it
// is one of the site's languages, else the site's first language.
func (s *Server) language(p string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	for _, lang := range s.update.Languages {
		if first == lang {
			return lang
		}
	}
	if len(s.update.Languages) > 0 {
		return s.update.Languages[0]
	}
	return "en"
}

// readHeaders reads the headers that the published _headers file gives
// every file ("/*"), as the hosts that read it (Netlify, Cloudflare
// Pages) send them: the preview has the published site's
// Content-Security-Policy.
func (s *Server) readHeaders() {
	s.headers = map[string]string{}
	src, err := afero.ReadFile(s.h.Deps.Fs.PublishDirServer, "/_headers")
	if err != nil {
		return
	}
	every := false
	lines := bufio.NewScanner(bytes.NewReader(src))
	for lines.Scan() {
		line := lines.Text()
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "":
		case line[0] != ' ' && line[0] != '\t':
			every = strings.TrimSpace(line) == "/*"
		case every:
			if name, value, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
				s.headers[strings.TrimSpace(name)] = strings.TrimSpace(value)
			}
		}
	}
}

// isNavigation says whether a request is for a page, as Hugo's server
// decides it: the browser says so, or the address looks like a page's.
func isNavigation(r *http.Request) bool {
	if mode := r.Header.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	p := r.URL.Path
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") || !strings.Contains(path.Base(p), ".")
}
