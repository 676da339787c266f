package e2e

import (
	"flag"
	"os"
	"testing"
)

// journeysAtOnce is how many journeys (each a browser and a site) run side
// by side unless -parallel says otherwise. A journey mostly waits for its
// pages, so a two-core machine keeps four busy; one after another they
// would pass go test's ten minutes on PostgreSQL.
const journeysAtOnce = "4"

// TestMain sets -parallel to journeysAtOnce when it was not given.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", journeysAtOnce)
	}
	os.Exit(m.Run())
}
