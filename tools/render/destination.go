package render

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/cyberpub/site/tools/project"
)

// MarkerFile is the file a build leaves at the top of what it wrote: it says
// the folder is the tool's to replace, and lists the files the build made,
// so that the next build keeps every other file (a deploy repository's
// .git, a CNAME) as the publisher left it.
const MarkerFile = ".site-build"

// marker is the content of MarkerFile.
type marker struct {
	// About is for a person who opens the file.
	About string `json:"about"`
	// Staging is true in the folder a build is writing: a folder left with
	// it is what a stopped build left, and the next build removes it.
	Staging bool `json:"staging,omitempty"`
	// Dest is the name of the destination a staging folder is for, beside
	// it: a leftover is removed by a build of that destination only. (Its
	// name, not its path: the output is the same wherever it is built.)
	Dest string `json:"dest,omitempty"`
	// Segment is the part of the site the build rendered (--segment), or
	// empty for the whole site: a deploy of the folder owns that part.
	Segment string `json:"segment,omitempty"`
	// Files are the files the build wrote, slash-separated, sorted.
	Files []string `json:"files,omitempty"`
}

const (
	outputAbout  = "Written by site build: this folder is its output, which the next build replaces whole. Files not listed here are not the build's, and the next build keeps them."
	stagingAbout = "Written by site build: a build in progress, or one that was stopped before its end. The next build into the same destination removes this folder."
)

// DestinationError is a destination a build refuses, with the reason.
type DestinationError struct {
	Dest   string
	Reason string // what is wrong with it
	Hint   string // what to do instead
}

func (e *DestinationError) Error() string {
	return fmt.Sprintf("cannot build into %s: %s; %s", e.Dest, e.Reason, e.Hint)
}

// CheckDestination refuses a destination that a build could not replace
// whole without losing something that is not the build's own: the project
// or a folder that holds it, one of the project's input folders, a file, a
// symbolic link, a mount point, or a folder holding files that no build
// wrote. An empty or missing folder, and a build's own output, are fine.
func CheckDestination(root, dest string) error {
	given := dest
	refuse := func(reason, hint string) error { return &DestinationError{Dest: given, Reason: reason, Hint: hint} }
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	info, err := os.Lstat(dest)
	if errors.Is(err, syscall.ENOTDIR) {
		return refuse("a file, not a folder, is on its path", "give a folder: a new one, an empty one, or an earlier build's output")
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return refuse(err.Error(), "give a folder the build can write")
	}
	if info != nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := filepath.EvalSymlinks(dest)
		return refuse("it is a symbolic link, and a build replaces its destination whole: the link would be replaced, not the folder it points to",
			fmt.Sprintf("give the folder itself (--destination %s)", cmp.Or(target, "…")))
	}
	// Compare real paths: a link among the parents can make two different
	// spellings name the project's folder.
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	realDest := filepath.Join(realParent(dest), filepath.Base(dest))
	if Within(realRoot, realDest) {
		what := "the project's folder"
		if realDest != realRoot {
			what = "a folder that holds the project"
		}
		return refuse(fmt.Sprintf("it is %s, which the build would replace with the site", what),
			"build into a folder of its own, such as public/ (the default)")
	}
	if Within(realDest, realRoot) {
		rel, _ := filepath.Rel(realRoot, realDest)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if slices.Contains(project.InputFiles, top) || top == "config" { // Hugo's configuration folder
			return refuse(fmt.Sprintf("%s is a setting of the project", top), "build into a folder of its own, such as public/ (the default)")
		}
		if slices.Contains(project.InputFolders, top) {
			return refuse(fmt.Sprintf("it is in %s/, which the site is made from", top),
				"build into a folder of its own, such as public/ (the default)")
		}
	}
	// An input folder elsewhere, where a link in the project takes it.
	for _, input := range append(slices.Clone(project.InputFolders), "config") {
		if real, err := filepath.EvalSymlinks(filepath.Join(root, input)); err == nil && Within(realDest, real) {
			return refuse(fmt.Sprintf("it is in %s/, which the site is made from", input),
				"build into a folder of its own, such as public/ (the default)")
		}
	}
	// Inside a build's output, the next build there would remove it.
	for dir := filepath.Dir(realDest); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if m, _ := readMarker(dir); m != nil && !m.Staging {
			return refuse(fmt.Sprintf("it is inside %s, the output of an earlier build, which the next build there replaces whole", dir),
				"build into a folder of its own, beside it")
		}
	}
	if info == nil {
		return nil
	}
	if !info.IsDir() {
		return refuse("it is a file, not a folder", "give a folder: a new one, an empty one, or an earlier build's output")
	}
	if mountPoint(dest, info) {
		return refuse("it is a mount point, and a build replaces its destination whole, which cannot be done to a mount point",
			fmt.Sprintf("build into a folder inside it (--destination %s)", filepath.Join(dest, "site")))
	}
	m, err := readMarker(dest)
	if err != nil {
		return refuse(err.Error(), "remove "+MarkerFile+" from it, or build into a new folder")
	}
	if m != nil && !m.Staging {
		return nil // an earlier build's output
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return refuse(err.Error(), "give a folder the build can read")
	}
	if len(entries) > 0 {
		return refuse(fmt.Sprintf("it holds files that no site build wrote (%s, among others) and no %s", entries[0].Name(), MarkerFile),
			"build into a new or empty folder; if this is the output of an earlier version of the tool, delete it and build again")
	}
	return nil
}

// Within reports whether path is dir or inside it.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realParent is dest's parent with its links resolved: those of its
// deepest folder that exists, the rest as given.
func realParent(dest string) string {
	parent, rest := filepath.Dir(dest), ""
	for {
		if real, err := filepath.EvalSymlinks(parent); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(parent) == parent {
			return filepath.Join(parent, rest)
		}
		parent, rest = filepath.Dir(parent), filepath.Join(filepath.Base(parent), rest)
	}
}

// readMarker reads the marker of the folder dir, or nil when it has none.
func readMarker(dir string) (*marker, error) {
	file := filepath.Join(dir, MarkerFile)
	info, err := os.Lstat(file)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil, nil
	}
	if err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("its %s is not a file of site build's (a link, or a folder)", MarkerFile)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var m marker
	if err := json.Unmarshal(b, &m); err != nil || (m.About != outputAbout && m.About != stagingAbout) {
		return nil, fmt.Errorf("its %s was not written by site build", MarkerFile)
	}
	return &m, nil
}

// writeMarker writes the marker of dir in a new file put in the place of
// the old one: never through a link another made there.
func writeMarker(dir string, m marker) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return project.WriteFile(filepath.Join(dir, MarkerFile), append(b, '\n'))
}

// removeLeftovers removes the staging folders that stopped builds into
// dest left beside it: the folders named as staging folders are whose
// marker says they are one. The caller holds dest's lock, so that no
// running build's folder is among them.
func removeLeftovers(dest string) error {
	candidates, err := filepath.Glob(filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+"*"))
	if err != nil {
		return err
	}
	for _, dir := range candidates {
		// MkdirTemp's digits: .public-en-123 is public-en's, not public's.
		digits := strings.TrimPrefix(filepath.Base(dir), stagingPrefix(dest))
		if strings.Trim(digits, "0123456789") != "" {
			continue
		}
		// A staging folder for this destination, or one that held its
		// previous output when the build was stopped right after the swap.
		if m, err := readMarker(dir); err == nil && m != nil && m.Dest == filepath.Base(dest) {
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("cannot remove %s, left by a stopped build: %w", dir, err)
			}
		}
	}
	return nil
}

func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + "-" }

// markStaging marks dir as a staging folder of dest: what a build is
// writing, or what a stopped one left, which the next build removes.
func markStaging(dir, dest string) error {
	return writeMarker(dir, marker{About: stagingAbout, Staging: true, Dest: filepath.Base(dest)})
}

// newStaging makes the folder a build of dest writes into, beside it, and
// marks it as a build's.
func newStaging(dest string) (string, error) {
	staging, err := os.MkdirTemp(filepath.Dir(dest), stagingPrefix(dest))
	if err != nil {
		return "", fmt.Errorf("cannot prepare the build folder: %w", err)
	}
	// MkdirTemp makes the folder private; a published site is readable by all.
	if err := os.Chmod(staging, 0o755); err != nil {
		return "", err
	}
	return staging, markStaging(staging, dest)
}

// finish brings over from dest the files that are not an earlier build's
// (those the publisher keeps in the output on purpose), unless the build
// wrote a file of the same name, then marks staging as a build's output,
// listing what the build wrote and the segment it rendered.
func finish(staging, dest, segment string) error {
	if err := removeEmptyFolders(staging); err != nil {
		return err
	}
	files, err := filesIn(staging)
	if err != nil {
		return err
	}
	if err := keepPublisherFiles(dest, staging); err != nil {
		return err
	}
	return writeMarker(staging, marker{About: outputAbout, Files: files, Dest: filepath.Base(dest), Segment: segment})
}

// MarkOutput marks the folder dir as a build's output, made of the files it
// holds now, as a build marks what it writes: the next build replaces them.
// It is for output put together otherwise, such as language segments built
// apart and merged (docs/deploy.md).
func MarkOutput(dir string) error {
	files, err := filesIn(dir)
	if err != nil {
		return err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return err
	}
	return writeMarker(dir, marker{About: outputAbout, Files: files, Dest: filepath.Base(dir)})
}

// filesIn lists the files in dir but the marker, slash-separated, sorted.
func filesIn(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel = filepath.ToSlash(rel); rel != MarkerFile {
			files = append(files, rel)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// keepPublisherFiles links into staging every file of dest that the
// previous build did not write. Links, not copies: the previous output stays
// whole until the swap, and nothing is copied.
func keepPublisherFiles(dest, staging string) error {
	previous, err := readMarker(dest)
	if previous == nil || err != nil {
		return err // a new or empty destination: nothing to keep
	}
	// The previous build's files, and the folders that held them: those
	// are made again by the new build where it writes there.
	built := map[string]bool{MarkerFile: true}
	for _, f := range previous.Files {
		for p := f; p != "."; p = path.Dir(p) {
			built[p] = true
		}
	}
	return filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, path)
		rel = filepath.ToSlash(rel)
		target := filepath.Join(staging, filepath.FromSlash(rel))
		switch {
		case rel == "." || built[rel]:
			return nil
		case d.IsDir(): // the publisher's, even empty (a deploy repository's refs/tags)
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err == nil {
				err = os.MkdirAll(filepath.Dir(target), 0o755)
			}
			if err == nil {
				err = os.Symlink(link, target)
			}
			return ignoreExisting(err)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return ignoreExisting(os.Link(path, target))
	})
}

// ignoreExisting: a file the new build wrote wins over the publisher's of
// the same name, as with plain Hugo.
func ignoreExisting(err error) error {
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// removeEmptyFolders removes the folders under dir that hold no file: Hugo
// makes the folder of a page it then does not render (a draft, a page
// scheduled later), which would tell its address and make the output
// depend on what was held back.
func removeEmptyFolders(dir string) error {
	var folders []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != dir {
			folders = append(folders, path)
		}
		return err
	})
	if err != nil {
		return err
	}
	// Deepest first: a folder whose only content was empty folders goes too.
	for _, f := range slices.Backward(folders) {
		if entries, err := os.ReadDir(f); err == nil && len(entries) == 0 {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}
