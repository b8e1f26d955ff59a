package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cyberpub/site/tools/diag"
	"github.com/cyberpub/site/tools/project"
	"github.com/cyberpub/site/tools/render"
	"github.com/cyberpub/site/tools/synthetic"
	hugocommands "github.com/gohugoio/hugo/commands"
	"golang.org/x/net/websocket"
)

type benchCommand struct {
	source string
	events string
	runs   int
	keep   string
}

func (*benchCommand) name() string { return "bench" }
func (*benchCommand) synopsis() string {
	return "bench [--events N,N…] [--runs N] [--keep DIR]"
}
func (*benchCommand) help() string {
	return `Measures the build against plain Hugo on synthetic sites.
For each size, writes a site of that many events in each of the site's
languages (timelines of 50, with bulletins, threat actors and glossary
terms in proportion) with this site's presentation, and a plain Hugo site
of the same words as Markdown pages; builds both with the Hugo inside this
program, each in its own process, and prints times, peak memory and output
sizes, with their ratio to plain Hugo. BENCHMARKS.md has the results and
what they mean.`
}
func (c *benchCommand) flags(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.events, "events", "10000", "the sizes to measure, in events, separated by commas")
	fs.IntVar(&c.runs, "runs", 3, "how many times each build runs; the median time counts")
	fs.StringVar(&c.keep, "keep", "", "write the synthetic sites and their output in DIR, and keep them")
}

// hugoChild is the hidden first argument with which bench runs the Hugo
// of this program in a process of its own, to build the plain site: the
// same Hugo as the site's build, measured alone.
const hugoChild = "__hugo"

func (c *benchCommand) execute(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("bench takes no arguments")
	}
	var sizes []int
	for _, s := range strings.Split(c.events, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return usageError(fmt.Sprintf("--events: %q is not a number of events", s))
		}
		sizes = append(sizes, n)
	}
	if c.runs < 1 {
		return usageError("--runs must be at least 1")
	}
	root, err := filepath.Abs(c.source)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	work := c.keep
	if work == "" {
		if work, err = os.MkdirTemp("", "site-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	p, problems := project.Open(root)
	if problems != nil {
		return problems
	}
	if err := render.NPMPackages(root, func(s string) { fmt.Fprintln(stderr, s) }); err != nil {
		return err
	}
	for _, n := range sizes {
		b := &bench{self: self, root: root, dir: filepath.Join(work, strconv.Itoa(n)), scale: synthetic.ScaleFor(n), languages: p.Codes(), runs: c.runs, log: stderr}
		if err := b.run(stdout); err != nil {
			return err
		}
	}
	return nil
}

// bench measures one size.
type bench struct {
	self, root, dir string
	scale           synthetic.Scale
	languages       []string // the site's, and so the synthetic sites'
	runs            int
	log             io.Writer
}

// measure is what one kind of run cost: the median time of its runs,
// and the most memory any of them took.
type measure struct {
	name   string
	time   time.Duration
	memory int64 // bytes, the peak resident set
	pages  int   // HTML pages written
	output int64 // bytes written
}

func (b *bench) path(parts ...string) string {
	return filepath.Join(append([]string{b.dir}, parts...)...)
}

func (b *bench) run(stdout io.Writer) error {
	site, plain := b.path("site"), b.path("plain")
	if err := os.RemoveAll(b.dir); err != nil {
		return err
	}
	fmt.Fprintf(b.log, "writing %d events into %s\n", b.scale.TotalEvents(), b.dir)
	if err := synthetic.Write(b.root, site, b.scale); err != nil {
		return err
	}
	if err := synthetic.WritePlain(b.root, plain, b.scale); err != nil {
		return err
	}
	data, err := dirSize(filepath.Join(site, "data"), nil)
	if err != nil {
		return err
	}

	runs := []struct {
		name string
		args []string
		out  string // where the run writes the site, if it does
	}{
		{"plain Hugo", []string{hugoChild, "build", "--source", plain, "--destination", b.path("plain-out"), "--quiet"}, b.path("plain-out")},
		{"site check", []string{"check", "--source", site, "--cache=false"}, ""},
		{"site check, nothing changed", []string{"check", "--source", site}, ""},
		{"site build, HTML pages only", []string{"build", "--source", site, "--destination", b.path("pages-out"), "--search=false", "--segment", "pages"}, b.path("pages-out")},
		{"site build, without search", []string{"build", "--source", site, "--destination", b.path("out"), "--search=false"}, b.path("out")},
	}
	measures := make([]measure, len(runs))
	times := make([][]time.Duration, len(runs))
	for round := range b.runs {
		for i, r := range runs {
			fmt.Fprintf(b.log, "  %s (%d/%d)\n", r.name, round+1, b.runs)
			elapsed, memory, err := b.child(r.args...)
			if err != nil {
				return fmt.Errorf("%s: %w", r.name, err)
			}
			times[i] = append(times[i], elapsed)
			measures[i].memory = max(measures[i].memory, memory)
		}
	}
	for i, r := range runs {
		measures[i].name = r.name
		measures[i].time = median(times[i])
		if r.out != "" {
			var pages int
			if measures[i].output, err = dirSize(r.out, &pages); err != nil {
				return err
			}
			measures[i].pages = pages
		}
	}
	search, err := b.searchIndex()
	if err != nil {
		return err
	}
	edit, err := b.serveEdit()
	if err != nil {
		return err
	}
	b.print(stdout, data, measures, search, edit)
	return nil
}

// child runs this program with args in a process of its own, and returns
// how long it took and its peak memory.
func (b *bench) child(args ...string) (time.Duration, int64, error) {
	cmd := exec.Command(b.self, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%w\n%s", err, out.String())
	}
	usage, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var memory int64
	if usage != nil {
		memory = usage.Maxrss * 1024 // kilobytes on Linux
	}
	return elapsed, memory, nil
}

// searchIndex times Pagefind on the full build's output: the search index,
// timed apart from the build as the benchmark's targets count it.
func (b *bench) searchIndex() (time.Duration, error) {
	fmt.Fprintf(b.log, "  search index\n")
	start := time.Now()
	if err := render.Index(b.path("site"), b.path("out")); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// serveMeasure is what an edit costs in site serve: the median time from
// the file's write to the livereload message that reloads its page, and
// where that time goes, as the preview reports it.
type serveMeasure struct {
	reload                time.Duration
	check, views, rebuild time.Duration
}

// serveEdit starts the preview of the synthetic site, opens a timeline's
// page as a browser does (its livereload connection too), changes the
// text of one of its events in the site's first language, and measures
// the time from the file's write to the livereload message, then checks
// that the page shows the edit.
func (b *bench) serveEdit() (serveMeasure, error) {
	fmt.Fprintf(b.log, "  site serve: an edited event, to the reload of its page\n")
	const timeline = "timeline-00001"
	ws, _, err := load(b.path("site"))
	if err != nil {
		return serveMeasure{}, err
	}
	source := ws.Project.Source().Code
	address := ws.Site.PageAddress(catalogueMessages(ws), ws.Site.Item("timeline", timeline), source)
	if address == "" {
		return serveMeasure{}, fmt.Errorf("the synthetic site publishes no page of %s in %q", timeline, source)
	}
	port, err := freePort()
	if err != nil {
		return serveMeasure{}, err
	}
	cmd := exec.Command(b.self, "serve", "--source", b.path("site"), "--port", strconv.Itoa(port))
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return serveMeasure{}, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	host := "127.0.0.1:" + strconv.Itoa(port)
	file, page := b.path("site", "data", "timelines", timeline+".toml"), "http://"+host+address
	if _, err := waitFor(page, "", 5*time.Minute); err != nil {
		return serveMeasure{}, fmt.Errorf("the preview did not start: %w\n%s", err, out.String())
	}
	reloads, err := livereloadMessages(host)
	if err != nil {
		return serveMeasure{}, err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return serveMeasure{}, err
	}
	key := "text." + source + " = \""
	first := bytes.Index(src, []byte(key)) + len(key)
	var times []time.Duration
	for i := range b.runs {
		marker := fmt.Sprintf("Edited%d ", i)
		edited := slices.Concat(src[:first], []byte(marker), src[first:])
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return serveMeasure{}, err
		}
		// The browser, told to reload, asks for the page again: the
		// reload that counts is the one after which the page shows the
		// edit (an editor's save may come as two changes).
		for shown := false; !shown; {
			select {
			case <-reloads:
			case <-time.After(time.Minute):
				return serveMeasure{}, fmt.Errorf("the edit did not reach the page a minute after it was saved:\n%s", out.String())
			}
			reloaded := time.Since(start)
			if _, err := waitFor(page, marker, 0); err == nil {
				times, shown = append(times, reloaded), true
			}
		}
	}
	m := serveMeasure{reload: median(times)}
	m.check, m.views, m.rebuild = previewTimes(out.String(), b.runs)
	return m, os.WriteFile(file, src, 0o644)
}

// previewTimes reads, in what site serve wrote, how long its last n
// rebuilds spent checking the files, writing the views and in Hugo: the
// median of each.
func previewTimes(log string, n int) (check, views, hugo time.Duration) {
	var checks, viewTimes, hugos []time.Duration
	for _, m := range previewChecked.FindAllStringSubmatch(log, -1) {
		checks = append(checks, millis(m[1]))
		viewTimes = append(viewTimes, millis(m[2]))
	}
	for _, m := range previewRendered.FindAllStringSubmatch(log, -1) {
		hugos = append(hugos, millis(m[1])-millis(m[2]))
	}
	last := func(ds []time.Duration) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return median(ds[max(0, len(ds)-n):])
	}
	return last(checks), last(viewTimes), last(hugos)
}

var (
	previewChecked  = regexp.MustCompile(`checked in (\d+) ms, made \d+ views and wrote \d+ in (\d+) ms`)
	previewRendered = regexp.MustCompile(`rendered again in (\d+) ms \(check (\d+) ms\)`)
)

func millis(s string) time.Duration {
	n, _ := strconv.Atoi(s)
	return time.Duration(n) * time.Millisecond
}

// livereloadMessages connects to the preview at host as a page's
// livereload script does, and returns the messages that follow its
// greeting.
func livereloadMessages(host string) (<-chan string, error) {
	ws, err := websocket.Dial("ws://"+host+"/livereload", "", "http://"+host+"/")
	if err != nil {
		return nil, err
	}
	if err := websocket.Message.Send(ws, `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`); err != nil {
		return nil, err
	}
	var hello string
	if err := websocket.Message.Receive(ws, &hello); err != nil {
		return nil, err
	}
	messages := make(chan string, 16)
	go func() {
		defer ws.Close()
		for {
			var m string
			if err := websocket.Message.Receive(ws, &m); err != nil {
				return
			}
			if strings.Contains(m, `"command":"reload"`) {
				messages <- m
			}
		}
	}()
	return messages, nil
}

// freePort returns a port no program listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// syncBuffer is written by a child process's output and read meanwhile.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor fetches url until its body contains text, and returns how long
// it took; with no limit, it fetches it once.
func waitFor(url, text string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for first := true; first || time.Since(start) < limit; first = false {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(text)) {
				return time.Since(start), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s: no %q after %s", url, text, limit)
}

func (b *bench) print(w io.Writer, data int64, measures []measure, search time.Duration, edit serveMeasure) {
	s := b.scale
	plain := measures[0]
	fmt.Fprintf(w, "\n%d events (%d timelines × %d), %d bulletins, %d threat actors, %d terms, in %s: %s of data\n\n",
		s.TotalEvents(), s.Timelines, s.Events, s.Bulletins, s.ThreatActors, s.Terms, diag.And(b.languages), megabytes(data))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\ttime\t× plain\tpeak memory\t× plain\tHTML pages\tpages/s\tevents/s\toutput\t")
	for _, m := range measures {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%s\t%.2f\t", m.name, seconds(m.time), ratio(m.time, plain.time), megabytes(m.memory), float64(m.memory)/float64(plain.memory))
		if m.pages > 0 {
			fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%s\t\n", m.pages, float64(m.pages)/m.time.Seconds(), float64(len(b.languages)*s.TotalEvents())/m.time.Seconds(), megabytes(m.output))
		} else {
			fmt.Fprintf(tw, "\t\t\t\t\n")
		}
	}
	fmt.Fprintf(tw, "search index (Pagefind)\t%s\t%.2f\t\t\t\t\t\t\t\n", seconds(search), ratio(search, plain.time))
	fmt.Fprintf(tw, "site serve, an edit to its reload\t%s\t\t\t\t\t\t\t\t\n", seconds(edit.reload))
	tw.Flush()
	fmt.Fprintf(w, "\nsite serve, an edit: checked in %s, views written in %s, rendered by Hugo in %s (medians)\n",
		milliseconds(edit.check), milliseconds(edit.views), milliseconds(edit.rebuild))
}

func ratio(a, b time.Duration) float64    { return a.Seconds() / b.Seconds() }
func seconds(d time.Duration) string      { return fmt.Sprintf("%.2f s", d.Seconds()) }
func milliseconds(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
func megabytes(n int64) string            { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// dirSize adds up the sizes of the files under dir, and counts its HTML
// pages into pages when it is not nil.
func dirSize(dir string, pages *int) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if pages != nil && strings.HasSuffix(path, ".html") {
			*pages++
		}
		return nil
	})
	return total, err
}

// runHugo is the child process bench starts to build the plain site.
func runHugo(args []string) int {
	if err := hugocommands.Execute(args); err != nil {
		var exit interface{ ExitCode() int }
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
