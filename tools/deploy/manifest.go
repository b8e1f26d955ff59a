package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gocloud.dev/blob"
)

// ManifestDir is where, in the target, each part of the site deployed
// keeps its manifest: the files its deploys put there. A deploy deletes
// only files its part's manifest lists and no other part's does, so that
// it never deletes what it did not make, nor another part's files.
const ManifestDir = ".site-deploy/"

const manifestAbout = "Written by site deploy: the files that deploys of this part of the site put in this bucket, which the next deploy of the part replaces or deletes. Files that no manifest here lists are not the site's, and no deploy touches them."

type manifest struct {
	About string           `json:"about"`
	Part  string           `json:"part"`
	Files map[string]entry `json:"files"`
}

// entry is what a deploy put at an address.
type entry struct {
	// MD5 is the content's, in hexadecimal. It is empty while a deploy
	// uploads the file: a deploy interrupted leaves it so, and the next
	// one uploads the file again.
	MD5          string `json:"md5,omitempty"`
	Size         int64  `json:"size"`
	ContentType  string `json:"contentType,omitempty"`
	CacheControl string `json:"cacheControl,omitempty"`
}

// maxManifestSize is the size of the largest manifest a deploy reads: a
// manifest names each file of a part in about 150 bytes, and a site of a
// hundred thousand files has a manifest of 15 MB.
const maxManifestSize = 64 << 20

func manifestKey(part string) string { return ManifestDir + part + ".json" }

// readManifests reads the manifests of every part deployed to b, by part.
func readManifests(ctx context.Context, b *blob.Bucket) (map[string]*manifest, error) {
	manifests := map[string]*manifest{}
	iter := b.List(&blob.ListOptions{Prefix: ManifestDir})
	for {
		obj, err := iter.Next(ctx)
		if errors.Is(err, io.EOF) {
			return manifests, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot list the manifests in %s: %w", ManifestDir, err)
		}
		if obj.Key == lockKey {
			continue
		}
		if obj.Size > maxManifestSize {
			return nil, fmt.Errorf("%s is %d MB, more than a manifest of site deploy is: %s is the folder of its manifests; move that file elsewhere", obj.Key, obj.Size>>20, strings.TrimSuffix(ManifestDir, "/"))
		}
		data, err := b.ReadAll(ctx, obj.Key)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", obj.Key, err)
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil || m.About != manifestAbout || manifestKey(m.Part) != obj.Key {
			return nil, fmt.Errorf("%s was not written by site deploy: %s is the folder of its manifests; move that file elsewhere", obj.Key, strings.TrimSuffix(ManifestDir, "/"))
		}
		manifests[m.Part] = &m
	}
}

// writeManifest replaces the part's manifest, in one write: a reader of
// the bucket sees the old one or the new one.
func writeManifest(ctx context.Context, b *blob.Bucket, part string, files map[string]entry) error {
	data, err := json.MarshalIndent(manifest{About: manifestAbout, Part: part, Files: files}, "", "  ")
	if err != nil {
		return err
	}
	err = b.WriteAll(ctx, manifestKey(part), append(data, '\n'), &blob.WriterOptions{ContentType: "application/json", CacheControl: "no-store"})
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", manifestKey(part), err)
	}
	return nil
}
