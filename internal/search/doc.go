// Package search is the in-process job-post search engine: Chinese text
// analysis without a dictionary (character unigrams and bigrams, folded
// ASCII words), an inverted index with per-field term frequencies, filters
// over precomputed per-post data, BM25-style ranking with an occupation
// taxonomy boost and a gentle freshness decay, highlighted snippets and
// type-ahead suggestions.
//
// The index lives in memory. The caller fills it with Upsert at start-up,
// calls Compact once to pack the posting lists and texts into a few large
// arrays (few objects for the garbage collector), and keeps it current with
// Upsert and Delete; any number of goroutines may Search and Suggest
// meanwhile. Deleted and replaced posts are tombstoned and compacted away
// when they reach a quarter of the index. It has no I/O and no
// package-level state.
//
// The synthetic posts and queries of tests, demo data and "jiuye bench
// search" come from package searchbench, which builds on the exported API
// of this one.
package search

import (
	"time"

	"github.com/jiuye/jiuye/internal/registry"
)

// Doc is a job post as the index sees it.
type Doc struct {
	ID           int64
	Title        string
	Description  string
	Enterprise   string
	EnterpriseID int64
	Skills       []string

	OccupationCode string // 职业分类大典 2022 code, e.g. "6-18-02-04"
	RegionCode     string // GB/T 2260 + street, e.g. "420112001"

	SalaryMin, SalaryMax int    // yuan/month
	Education            string // one of 不限 初中 高中 中专 大专 本科 硕士 博士
	ExperienceYears      int    // required years, 0 = 不限

	PublishedAt time.Time
	ExpiresAt   time.Time // expired posts never match; zero = no expiry

	Lat, Lng float64
	HasGeo   bool

	Internship bool // a 就业见习 place: Query.Internship finds only these
}

// Point is a WGS-84 position in degrees.
type Point struct{ Lat, Lng float64 }

// Sort orders of Query.Sort.
const (
	SortRelevance = "relevance" // default with a query text
	SortNewest    = "newest"    // default without one
	SortSalary    = "salary"    // highest SalaryMax first, then SalaryMin
	SortDistance  = "distance"  // nearest first; needs Query.Near, posts without a position last
)

// Page sizes of Query.PageSize.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// NoExperience as Query.Experience asks for posts that require no
// experience; 0 means no experience filter.
const NoExperience = -1

// Query is one search. The zero value of every filter field means "no
// filter"; the caller validates input and the index never fails: an unknown
// region or occupation code matches nothing, an unknown education or sort is
// ignored.
type Query struct {
	Q string // free text; words separated by spaces must all match

	Region     string // a region code and all its children (prefix on codes), e.g. "420112"
	Occupation string // an occupation code and its children: "6-18-00-00" matches 6-18-xx-xx
	Education  string // the seeker's level: posts requiring at most this (不限 = no filter)
	Experience int    // the seeker's years: posts requiring at most this; NoExperience for none
	SalaryMin  int    // posts whose SalaryMax ≥ this

	PostedWithin time.Duration // posts published at most this long before Now
	Internship   bool          // only 就业见习 places (Doc.Internship)
	Near         *Point        // origin for distances, the radius and the distance sort
	RadiusKm     float64       // with Near: posts within this distance; ignored without Near

	Sort     string // SortRelevance, SortNewest, SortSalary, SortDistance
	Page     int    // from 1
	PageSize int    // DefaultPageSize when ≤ 0, at most MaxPageSize

	Now time.Time // expiry and freshness are evaluated at Now; zero = time.Now()
}

// Hit is one result.
type Hit struct {
	ID         int64
	Score      float64   // relevance (0 without query text)
	Snippet    []Segment // plain text; the page escapes it and wraps Match segments in <mark>
	DistanceKm float64   // -1 when unknown
}

// Segment is a piece of a snippet; Match marks query characters.
type Segment struct {
	Text  string
	Match bool
}

// educationRank orders education levels through the registry's table.
func educationRank(s string) (uint8, bool) {
	r, ok := registry.EducationRank(s)
	return uint8(r), ok
}
