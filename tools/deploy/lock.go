package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// lockKey is the object a deploy holds in the target while it changes it.
// Deploys into one target run one after the other: each plans from the
// manifests of the other parts, which a deploy running beside it would
// change under it (a file one part deletes while another uploads it, a
// shared file that neither then deletes).
const lockKey = ManifestDir + "lock"

// lockPoll is how often a deploy waiting for another looks again.
const lockPoll = time.Second

// holder is who holds the lock, as the lock object says.
type holder struct {
	Part  string    `json:"part"`
	Host  string    `json:"host"`
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// String says who holds the lock, in printable characters only: the lock
// is anyone's object in the target, not text for a terminal to obey.
func (h holder) String() string {
	if h.Part == "" {
		return "its lock says nothing readable of it"
	}
	printable := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) {
				return r
			}
			return -1
		}, s)
		if len(s) > 64 {
			s = s[:64] + "…"
		}
		return s
	}
	return fmt.Sprintf("%s, from %s (process %d) since %s", printable(h.Part), printable(h.Host), h.PID, h.Since.UTC().Format(time.RFC3339))
}

// gone reports whether the holder is a process of this machine that no
// longer runs: a deploy killed before it could give the lock back.
func (h holder) gone() bool {
	host, _ := os.Hostname()
	if h.Host != host || h.PID <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(h.PID, 0), syscall.ESRCH)
}

// lock takes the target's lock for a deploy of the part, waiting up to
// wait for another deploy to end (and saying so on out). It returns what
// gives the lock back, which the deploy calls when it ends, even stopped.
func lock(ctx context.Context, b *blob.Bucket, target Target, part string, wait time.Duration, out io.Writer) (func(), error) {
	host, _ := os.Hostname()
	data, err := json.MarshalIndent(holder{Part: part, Host: host, PID: os.Getpid(), Since: time.Now()}, "", "  ")
	if err != nil {
		return nil, err
	}
	const removeIt = "if no deploy is running (one was killed before it could end), delete " + lockKey + " from the target, then deploy again"
	deadline := time.Now().Add(wait)
	waiting := false
	for {
		taken, err := writeLock(ctx, b, target, data)
		if err != nil {
			return nil, fmt.Errorf("cannot write the lock %s in the target: %w", lockKey, err)
		}
		if taken {
			return func() { b.Delete(context.WithoutCancel(ctx), lockKey) }, nil
		}
		h := readLock(ctx, b)
		switch {
		case h.gone():
			return nil, fmt.Errorf("the target's lock is held by a deploy of this machine that no longer runs (%s): it was killed before it could end; delete %s from the target, then deploy again (nothing was uploaded or deleted)", h, lockKey)
		case time.Now().After(deadline):
			return nil, fmt.Errorf("another deploy into the target has not ended (%s): deploys into one target run one after the other, so nothing was uploaded or deleted; deploy again when it has ended; %s", h, removeIt)
		case !waiting:
			fmt.Fprintf(out, "%s: waiting for another deploy into the target to end (%s); %s\n", part, h, removeIt)
			waiting = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// writeLock writes the lock if no one holds it, and reports whether it
// did. In S3, Cloud Storage and Azure, the store's conditional write makes
// it atomic; in a folder, where gocloud checks then writes, the lock is
// created as a file only if there is none (O_EXCL).
func writeLock(ctx context.Context, b *blob.Bucket, target Target, data []byte) (bool, error) {
	if folder := target.folder(); folder != "" {
		name := filepath.Join(folder, filepath.FromSlash(lockKey))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return false, err
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err == nil, err
	}
	err := b.WriteAll(ctx, lockKey, data, &blob.WriterOptions{IfNotExist: true, ContentType: "application/json", CacheControl: "no-store"})
	if gcerrors.Code(err) == gcerrors.FailedPrecondition {
		return false, nil
	}
	return err == nil, err
}

// readLock reads who holds the lock: its first kilobytes, since it is
// anyone's object; nothing when it cannot be read.
func readLock(ctx context.Context, b *blob.Bucket) holder {
	var h holder
	r, err := b.NewRangeReader(ctx, lockKey, 0, 4096, nil)
	if err != nil {
		return h
	}
	defer r.Close()
	if json.NewDecoder(r).Decode(&h) != nil {
		return holder{}
	}
	return h
}
