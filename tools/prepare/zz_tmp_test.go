package prepare_test

import (
	"os"
	"testing"
	"time"

	"github.com/cyberpub/site/tools/prepare"
)

func TestZZViews(t *testing.T) {
	root := os.Getenv("ZZ_ROOT")
	if root == "" {
		t.Skip()
	}
	ws := load(t, root)
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		if _, err := prepare.Views(ws, prepare.Options{Now: time.Now(), Preview: true}); err != nil {
			t.Fatal(err)
		}
		t.Log("views", time.Since(t0))
	}
}
