package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

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
	Since time.Time `json:"since"`
}

func (h holder) String() string {
	return fmt.Sprintf("%s, from %s since %s", h.Part, h.Host, h.Since.UTC().Format(time.RFC3339))
}

// lock takes the target's lock for a deploy of the part, waiting up to
// wait for another deploy to end (and saying so on out). It returns what
// gives the lock back, which the deploy calls when it ends, even stopped.
//
// The lock is the store's conditional write: atomic in S3, Cloud Storage
// and Azure; in a folder (file://), gocloud checks then writes, which
// holds between deploys that do not start in the same instant.
func lock(ctx context.Context, b *blob.Bucket, part string, wait time.Duration, out io.Writer) (func(), error) {
	host, _ := os.Hostname()
	data, err := json.MarshalIndent(holder{Part: part, Host: host, Since: time.Now()}, "", "  ")
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	waiting := false
	for {
		err := b.WriteAll(ctx, lockKey, data, &blob.WriterOptions{IfNotExist: true, ContentType: "application/json", CacheControl: "no-store"})
		if err == nil {
			return func() { b.Delete(context.WithoutCancel(ctx), lockKey) }, nil
		}
		if gcerrors.Code(err) != gcerrors.FailedPrecondition {
			return nil, fmt.Errorf("cannot write the lock %s in the target: %w", lockKey, err)
		}
		var h holder
		if data, err := b.ReadAll(ctx, lockKey); err == nil {
			json.Unmarshal(data, &h)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another deploy into the target has not ended (%s): deploys into one target run one after the other, so nothing was uploaded or deleted; deploy again when it has ended. If no deploy is running (one was killed before it could end), delete %s from the target, then deploy again", h, lockKey)
		}
		if !waiting {
			fmt.Fprintf(out, "%s: waiting for another deploy into the target to end (%s)\n", part, h)
			waiting = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}
