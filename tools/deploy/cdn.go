package deploy

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	gcaws "gocloud.dev/aws"
)

// maxInvalidationPaths is how many addresses are invalidated one by one;
// beyond, the whole distribution is (CloudFront counts "/*" as one path,
// and bills paths beyond a thousand a month).
const maxInvalidationPaths = 100

// InvalidationPaths are the addresses a CDN serves the changed keys at: a
// folder's index.html is also served at the folder's address.
func InvalidationPaths(changed []string) []string {
	var paths []string
	for _, key := range changed {
		paths = append(paths, (&url.URL{Path: "/" + key}).EscapedPath())
		if path.Base(key) == "index.html" {
			paths = append(paths, (&url.URL{Path: strings.TrimSuffix("/"+key, "index.html")}).EscapedPath())
		}
	}
	if len(paths) > maxInvalidationPaths {
		return []string{"/*"}
	}
	return paths
}

// Invalidate asks the target's CloudFront distribution to stop serving
// the paths from its cache, with the credentials of the environment and
// the region and profile of the target's url, and returns the
// invalidation's id.
func Invalidate(ctx context.Context, target Target, paths []string) (string, error) {
	u, err := url.Parse(target.URL)
	if err != nil {
		return "", err
	}
	// The url's other settings are the bucket's (its endpoint is the
	// store's, not CloudFront's).
	q := url.Values{}
	for _, key := range []string{"region", "profile"} {
		if v := u.Query().Get(key); v != "" {
			q.Set(key, v)
		}
	}
	cfg, err := gcaws.V2ConfigFromURLParams(ctx, q)
	if err != nil {
		return "", fmt.Errorf("cannot read the AWS settings for CloudFront: %w", err)
	}
	out, err := cloudfront.NewFromConfig(cfg).CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(target.CloudFrontDistributionID),
		InvalidationBatch: &types.InvalidationBatch{
			// Unique to this request: CloudFront takes a request it has seen
			// before as the same invalidation.
			CallerReference: aws.String(fmt.Sprintf("site-deploy-%d", time.Now().UnixNano())),
			Paths:           &types.Paths{Items: paths, Quantity: aws.Int32(int32(len(paths)))},
		},
	})
	if err != nil {
		return "", fmt.Errorf("the deploy is done, but CloudFront distribution %s was not told to invalidate its cache: %w; invalidate %s by hand (aws cloudfront create-invalidation), or wait for the cache to expire", target.CloudFrontDistributionID, err, strings.Join(paths, " "))
	}
	if out.Invalidation == nil {
		return "", nil
	}
	return aws.ToString(out.Invalidation.Id), nil
}
