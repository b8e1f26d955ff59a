// Package deploy publishes a build of the site to object storage through
// gocloud.dev/blob (S3 and the stores that speak its protocol, Google Cloud
// Storage, Azure Blob Storage, or a folder), as config.toml's [deployment]
// names it.
//
// A deploy uploads only what changed since the last one, with each file's
// type and caching; it uploads the fingerprinted assets first, the other
// files next, then the pages, then the listings that name them, and
// deletes last, so that a reader never gets a page whose assets are not
// there. Each part of the site (the whole site, a segment, the search
// index) keeps a manifest in the target of the files its deploys put
// there: a deploy deletes only what its part put there and no other part
// claims, and replaces nothing that no deploy put there. A deploy
// interrupted leaves the site as it was for every file it had not
// uploaded yet, and its manifest says what the next deploy must do again.
package deploy

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://
	"gocloud.dev/gcerrors"
	"golang.org/x/sync/errgroup"
)

// Part is what one deploy publishes, and owns in the target.
type Part struct {
	// Name names the part's manifest: "site" for the whole site,
	// "segment-en" for a segment, "search-index" for the search index.
	Name string
	// Dir is the build's folder, and Files the files in it that the part
	// is made of, slash-separated.
	Dir   string
	Files []string
}

// Options are the choices of one deploy.
type Options struct {
	Matchers []Matcher
	// DryRun makes the plan and changes nothing.
	DryRun bool
	// MaxDeletes is the most files the deploy deletes; a plan that deletes
	// more is refused.
	MaxDeletes int
	// Adopt replaces the objects at the build's addresses that no deploy
	// of the site put there; without it, the deploy refuses to.
	Adopt bool
	// Wait is how long the deploy waits for another deploy into the
	// target to end before it gives up.
	Wait time.Duration
	// Unsigned deletes the signatures of advisories the build still has
	// (a build made without the publisher's key); without it, the deploy
	// refuses to.
	Unsigned bool
}

// DefaultMaxDeletes is how many files a deploy deletes without being told
// it may delete more.
const DefaultMaxDeletes = 256

// workers is how many files are uploaded or deleted at once.
const workers = 8

// Action is one upload or delete.
type Action struct {
	Key    string
	Why    string // new, changed, …, or gone from the build
	Delete bool
	file   *localFile
}

func (a Action) String() string {
	if a.Delete {
		return fmt.Sprintf("delete %s (%s)", a.Key, a.Why)
	}
	return fmt.Sprintf("upload %s (%s)", a.Key, a.Why)
}

// Plan is what a deploy does, in order.
type Plan struct {
	Part      string
	Actions   []Action
	Unchanged int
	// Left are the files the build no longer has that the deploy leaves
	// in the target, and no longer counts as the site's: someone changed
	// them there since a deploy put them there.
	Left []string
	// Changed are the keys uploaded or deleted: the addresses a CDN must
	// stop serving from its cache.
	Changed []string
	// claim is the part's manifest while the deploy runs: every file it
	// had and every file it is writing, those being written without their
	// hash; final is its manifest once the deploy is done.
	claim, final map[string]entry
	// upToDate is true when the target and the manifest are as the build
	// would have them: there is nothing to write.
	upToDate bool
	// refusal, when set, is why the plan is not carried out.
	refusal error
}

// Summary says in a line what the plan does.
func (p *Plan) Summary() string {
	uploads := 0
	for _, a := range p.Actions {
		if !a.Delete {
			uploads++
		}
	}
	return fmt.Sprintf("%d to upload, %d to delete, %d unchanged", uploads, len(p.Actions)-uploads, p.Unchanged)
}

// Deploy publishes the part into the target: it makes the plan, writes it
// to out, and carries it out unless opts.DryRun. It returns the plan.
func Deploy(ctx context.Context, target Target, part Part, opts Options, out io.Writer) (*Plan, error) {
	b, err := blob.OpenBucket(ctx, target.URL)
	if folder := target.folder(); err != nil && folder != "" {
		if _, serr := os.Stat(folder); errors.Is(serr, os.ErrNotExist) {
			return nil, fmt.Errorf("the target %q is the folder %s, which does not exist: create it (mkdir -p %s), or correct its url in config.toml", target.Name, folder, folder)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open the target %q (%s): %w; check its url in config.toml", target.Name, target.URL, err)
	}
	defer b.Close()
	dir, err := os.OpenRoot(part.Dir)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	if !opts.DryRun {
		unlock, err := lock(ctx, b, target, part.Name, opts.Wait, out)
		if err != nil {
			return nil, targetError(target, err)
		}
		defer unlock()
	}
	plan, err := makePlan(ctx, b, dir, part, opts)
	if err != nil {
		return nil, targetError(target, err)
	}
	fmt.Fprintf(out, "%s: %s\n", part.Name, plan.Summary())
	for _, a := range plan.Actions {
		fmt.Fprintf(out, "  %s\n", a)
	}
	for _, key := range plan.Left {
		fmt.Fprintf(out, "  leave %s (gone from the build, but changed in the target since it was deployed: no longer the site's to delete)\n", key)
	}
	if plan.refusal != nil {
		fmt.Fprintf(out, "%s: refused (below): nothing was uploaded or deleted\n", part.Name)
		return plan, plan.refusal
	}
	if opts.DryRun || plan.upToDate {
		return plan, nil
	}
	if err := plan.run(ctx, b); err != nil {
		if ctx.Err() != nil {
			return plan, errors.New("the deploy was interrupted: the target still has every file the pages it holds need; deploy again to finish it")
		}
		return plan, targetError(target, err)
	}
	removeEmptyFolders(target, plan.Actions)
	return plan, nil
}

// removeEmptyFolders removes, in a folder target, the folders that deletes
// left empty: a web server serving the folder answers 403 at the address
// of an empty folder, where the site's 404 is the answer. A folder that
// holds anything, or that the deploy cannot remove, stays.
func removeEmptyFolders(target Target, actions []Action) {
	folder := target.folder()
	if folder == "" {
		return
	}
	for _, a := range actions {
		if !a.Delete {
			continue
		}
		for dir := path.Dir(a.Key); dir != "."; dir = path.Dir(dir) {
			if os.Remove(filepath.Join(folder, filepath.FromSlash(dir))) != nil {
				break
			}
		}
	}
}

// targetError adds to an error of the store what to check.
func targetError(target Target, err error) error {
	switch gcerrors.Code(err) {
	case gcerrors.PermissionDenied:
		return fmt.Errorf("%w; the credentials in the environment may not write to %s (docs/deploy.md says which it reads)", err, target.URL)
	case gcerrors.NotFound:
		return fmt.Errorf("%w; check that %s exists", err, target.URL)
	}
	return err
}

// localFile is a file of the build.
type localFile struct {
	key  string
	dir  *os.Root
	md5  string
	size int64
	Headers
}

func (f *localFile) entry() entry {
	return entry{MD5: f.md5, Size: f.size, ContentType: f.ContentType, CacheControl: f.CacheControl}
}

// readLocal hashes the part's files, read in dir (a link out of it is
// refused), and works out their headers.
func readLocal(dir *os.Root, part Part, matchers []Matcher) ([]*localFile, error) {
	var files []*localFile
	var unknown []string
	for _, key := range part.Files {
		if strings.HasPrefix(key, ManifestDir) {
			return nil, fmt.Errorf("the build wrote %s, in %s, where site deploy keeps its manifests in the target; rename that folder of the site", key, ManifestDir)
		}
		h, err := HeadersOf(key, matchers)
		if err != nil {
			unknown = append(unknown, err.Error())
			continue
		}
		f := &localFile{key: key, dir: dir, Headers: h}
		r, err := dir.Open(key)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s of the build: %w; build the site again", key, err)
		}
		f.md5, f.size, err = hashOf(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read %s of the build: %w", key, err)
		}
		files = append(files, f)
	}
	if len(unknown) > 0 {
		return nil, errors.New(strings.Join(unknown, "\n"))
	}
	return files, nil
}

// makePlan compares the part's files with what the target holds and what
// the manifests say of it.
func makePlan(ctx context.Context, b *blob.Bucket, dir *os.Root, part Part, opts Options) (*Plan, error) {
	local, err := readLocal(dir, part, opts.Matchers)
	if err != nil {
		return nil, err
	}
	manifests, err := readManifests(ctx, b)
	if err != nil {
		return nil, err
	}
	remote, err := list(ctx, b)
	if err != nil {
		return nil, err
	}
	own := map[string]entry{}
	if m := manifests[part.Name]; m != nil {
		own = m.Files
	}
	// claimed returns the entries other parts have for key.
	claimed := func(key string) []entry {
		var entries []entry
		for name, m := range manifests {
			if e, ok := m.Files[key]; ok && name != part.Name {
				entries = append(entries, e)
			}
		}
		return entries
	}
	plan := &Plan{Part: part.Name, claim: map[string]entry{}, final: map[string]entry{}}
	byKind := map[kind][]Action{}
	var foreign []string
	for _, f := range local {
		plan.final[f.key] = f.entry()
		why := ""
		obj, exists := remote[f.key]
		e, ours := own[f.key]
		others := claimed(f.key)
		switch {
		case !exists:
			why = "new"
		case ours:
			why, err = compare(ctx, b, e, f, obj)
		case len(others) > 0:
			why = "changed"
			for _, e := range others {
				if same, err := compare(ctx, b, e, f, obj); err != nil {
					return nil, err
				} else if same == "" {
					why = ""
				}
			}
		default:
			why, err = compareForeign(ctx, b, f)
			if why == replaces {
				foreign = append(foreign, f.key)
			}
		}
		if err != nil {
			return nil, err
		}
		if why == "" {
			plan.Unchanged++
			plan.claim[f.key] = f.entry()
			continue
		}
		plan.claim[f.key] = entry{Size: f.size, ContentType: f.ContentType, CacheControl: f.CacheControl}
		byKind[kindOf(f.key)] = append(byKind[kindOf(f.key)], Action{Key: f.key, Why: why, file: f})
	}
	if len(foreign) > 0 && !opts.Adopt {
		plan.refusal = fmt.Errorf("the target holds %s at addresses of the build that no site deploy put there, with other content: %s; they are not the site's to replace: remove them from the target, or deploy with --adopt to replace them",
			count(len(foreign), "object"), sample(foreign))
	}
	for _, k := range kinds {
		plan.Actions = append(plan.Actions, byKind[k]...)
	}
	// What the part had and the build no longer has goes, unless another
	// part has it too.
	var deletes []Action
	for _, key := range slices.Sorted(maps.Keys(own)) {
		if _, kept := plan.final[key]; kept {
			continue
		}
		obj, exists := remote[key]
		if !exists || len(claimed(key)) > 0 {
			continue // gone already, or another part's too: no longer this part's
		}
		// Changed by someone since a deploy put it there: theirs now, and
		// not the site's to delete.
		// (One an interrupted deploy was writing is the site's, whatever
		// it holds.)
		if own[key].MD5 != "" {
			changed, err := changedSince(ctx, b, own[key], obj)
			if err != nil {
				return nil, err
			}
			if changed {
				plan.Left = append(plan.Left, key)
				continue
			}
		}
		plan.claim[key] = own[key]
		deletes = append(deletes, Action{Key: key, Why: "gone from the build", Delete: true})
	}
	// A build made without the publisher's key would take the signatures
	// away from advisories that stay: the trusted provider would become a
	// plain one, with one forgotten secret.
	var unsigned []string
	for _, d := range deletes {
		if advisory, ok := strings.CutSuffix(d.Key, ".json.asc"); ok {
			if _, stays := plan.final[advisory+".json"]; stays {
				unsigned = append(unsigned, d.Key)
			}
		}
	}
	if len(unsigned) > 0 && !opts.Unsigned && plan.refusal == nil {
		plan.refusal = fmt.Errorf("this build's CSAF advisories are not signed and the target's are: the deploy would delete %s (%s) and publish the advisories without them; build with the publisher's key (site build --csaf-key FILE, or SITE_CSAF_KEY), or, to publish them unsigned on purpose, deploy with --unsigned",
			count(len(unsigned), "signature"), sample(unsigned))
	}
	if len(deletes) > opts.MaxDeletes && plan.refusal == nil {
		plan.refusal = fmt.Errorf("this deploy would delete %d files from the target, more than the %d it may (--max-deletes): look at what it would delete with --dry-run, and if that is right, run it again with --max-deletes %d",
			len(deletes), opts.MaxDeletes, len(deletes))
	}
	plan.Actions = append(plan.Actions, deletes...)
	for _, a := range plan.Actions {
		plan.Changed = append(plan.Changed, a.Key)
	}
	plan.upToDate = len(plan.Actions) == 0 && maps.Equal(own, plan.final)
	return plan, nil
}

// compare says why the file at key must be uploaded again, given what a
// deploy put there (e) and what the target lists there (obj), or "".
func compare(ctx context.Context, b *blob.Bucket, e entry, f *localFile, obj *blob.ListObject) (string, error) {
	switch {
	case e.MD5 == "":
		return "left unfinished by an interrupted deploy", nil
	case e.MD5 != f.md5:
		return "changed", nil
	}
	if changed, err := changedSince(ctx, b, e, obj); err != nil || changed {
		return changedInTarget, err
	}
	if e.ContentType != f.ContentType || e.CacheControl != f.CacheControl {
		return "new headers", nil
	}
	return "", nil
}

// changedInTarget is why a file is uploaded again where someone changed
// it since a deploy put it there.
const changedInTarget = "changed in the target since it was deployed"

// changedSince reports whether the object at key is no longer what a
// deploy put there (e): by its size, by the MD5 the store lists, or, when
// it lists none (S3's multipart uploads), by the MD5 of its content.
func changedSince(ctx context.Context, b *blob.Bucket, e entry, obj *blob.ListObject) (bool, error) {
	switch {
	case obj.Size != e.Size:
		return true, nil
	case obj.MD5 != nil:
		return hex.EncodeToString(obj.MD5) != e.MD5, nil
	}
	sum, err := remoteMD5(ctx, b, obj.Key)
	return sum != e.MD5, err
}

// hashOf returns the MD5 of what r reads, in hexadecimal, and its size.
func hashOf(r io.Reader) (string, int64, error) {
	hash := md5.New()
	size, err := io.Copy(hash, r)
	return hex.EncodeToString(hash.Sum(nil)), size, err
}

// remoteMD5 returns the MD5 of the object at key, read from the target.
func remoteMD5(ctx context.Context, b *blob.Bucket, key string) (string, error) {
	r, err := b.NewReader(ctx, key, nil)
	if err != nil {
		return "", fmt.Errorf("cannot read %s in the target: %w", key, err)
	}
	defer r.Close()
	sum, _, err := hashOf(r)
	if err != nil {
		return "", fmt.Errorf("cannot read %s in the target: %w", key, err)
	}
	return sum, nil
}

// replaces is why a file is uploaded over an object that no deploy of the
// site put there, with other content: only with Options.Adopt.
const replaces = "replaces an object no site deploy put there"

// compareForeign says why the file must be uploaded where the target holds
// an object that no deploy of the site put there: "" when it holds the
// same content and headers, "new headers" when only they differ (nothing
// is lost), and replaces when its content differs.
func compareForeign(ctx context.Context, b *blob.Bucket, f *localFile) (string, error) {
	sum, err := remoteMD5(ctx, b, f.key)
	if err != nil {
		return "", err
	}
	if sum != f.md5 {
		return replaces, nil
	}
	attrs, err := b.Attributes(ctx, f.key)
	if err != nil {
		return "", fmt.Errorf("cannot read the headers of %s in the target: %w", f.key, err)
	}
	if attrs.ContentType != f.ContentType || attrs.CacheControl != f.CacheControl {
		return "new headers", nil
	}
	return "", nil
}

// list lists what the target holds, but the manifests.
func list(ctx context.Context, b *blob.Bucket) (map[string]*blob.ListObject, error) {
	objects := map[string]*blob.ListObject{}
	iter := b.List(nil)
	for {
		obj, err := iter.Next(ctx)
		if errors.Is(err, io.EOF) {
			return objects, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot list the target: %w", err)
		}
		if !strings.HasPrefix(obj.Key, ManifestDir) {
			objects[obj.Key] = obj
		}
	}
}

// run carries out the plan: the claim first, so that an interrupted deploy
// leaves a manifest that names every file it may have written; then each
// kind's uploads, one kind after the other; then the deletes; then the
// final manifest.
func (p *Plan) run(ctx context.Context, b *blob.Bucket) error {
	if err := writeManifest(ctx, b, p.Part, p.claim); err != nil {
		return err
	}
	for start := 0; start < len(p.Actions); {
		// A group is a kind's uploads, or the deletes.
		end := start + 1
		for end < len(p.Actions) && p.Actions[end].Delete == p.Actions[start].Delete &&
			(p.Actions[start].Delete || kindOf(p.Actions[end].Key) == kindOf(p.Actions[start].Key)) {
			end++
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(workers)
		for _, a := range p.Actions[start:end] {
			g.Go(func() error { return a.do(gctx, b) })
		}
		if err := g.Wait(); err != nil {
			return fmt.Errorf("%w\nThe deploy stopped there: the target still has every file the pages it holds need; deploy again to finish it", err)
		}
		start = end
	}
	return writeManifest(ctx, b, p.Part, p.final)
}

func (a Action) do(ctx context.Context, b *blob.Bucket) error {
	if a.Delete {
		if err := b.Delete(ctx, a.Key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return fmt.Errorf("cannot delete %s: %w", a.Key, err)
		}
		return nil
	}
	f := a.file
	r, err := f.dir.Open(f.key)
	if err != nil {
		return fmt.Errorf("cannot read %s of the build: %w", f.key, err)
	}
	defer r.Close()
	sum, _ := hex.DecodeString(f.md5)
	// With the content's MD5, the store refuses a file that is not the
	// one hashed (changed by a build since).
	w, err := b.NewWriter(ctx, f.key, &blob.WriterOptions{ContentType: f.ContentType, CacheControl: f.CacheControl, ContentMD5: sum})
	if err != nil {
		return fmt.Errorf("cannot upload %s: %w", f.key, err)
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return fmt.Errorf("cannot upload %s: %w", f.key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("cannot upload %s: %w", f.key, err)
	}
	return nil
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sample names a few of keys.
func sample(keys []string) string {
	if len(keys) > 5 {
		return fmt.Sprintf("%s and %d more", strings.Join(keys[:5], ", "), len(keys)-5)
	}
	return strings.Join(keys, ", ")
}
