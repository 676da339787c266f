// Package searchbench generates realistic synthetic job posts and queries
// for benchmarks, tests and the demo generator, and times query runs
// against a search index.
//
// SyntheticPosts makes the posts of a Wuhan district's job board (the same
// for the same seed), StreetCentres the made-up street centres they lie
// around, SampleQueries what people type into such a board, and RunBench
// times a query load one query at a time. The package only builds data and
// calls the exported API of package search, which knows nothing of it; it
// has no package-level state.
package searchbench
