package search

import (
	"math"
	"slices"
	"time"
)

// row is the per-post data of one post while it is being added.
type row struct {
	region    int64
	regionID  uint16
	occ       int32
	salMin    int32
	salMax    int32
	published uint32
	expires   uint32
	edu, exp  uint8
	flags     uint8
	lat, lng  float32
	flen      [numFields]uint16
	sugg      int32
}

// Flags of columns.flags.
const flagInternship uint8 = 1

// columns hold the per-post data by ordinal, one slice per attribute, so a
// search touches only the small arrays its filters and ranking need.
type columns struct {
	id        []int64
	region    []int64  // regionValue; 0 unknown
	regionID  []uint16 // state.regionDict index; 0 = look at region
	occ       []int32  // occupationValue; 0 unknown
	salMin    []int32
	salMax    []int32
	salBucket []uint16 // salMax / 100, capped: small enough to stay in cache
	published []uint32 // unixTime
	expires   []uint32 // unixTime; neverExpires if none
	expDay    []uint16 // expires / day: small enough to stay in cache
	edu       []uint8  // educationRank
	exp       []uint8  // required years, capped at 255
	flags     []uint8  // flagInternship
	lat, lng  []float32
	flen      [][numFields]uint16 // field lengths in terms
	sugg      []int32             // suggester entry of the title; -1 none
	text      texts               // titles and descriptions, unless dropped
}

// neverExpires is the expiry of a post without one.
const neverExpires = math.MaxUint32

// unixTime converts t to unsigned seconds since 1970, clamped so that no
// time reaches neverExpires (the range ends in 2106).
func unixTime(t time.Time) uint32 {
	return uint32(min(max(t.Unix(), 0), neverExpires-1))
}

// hasGeo reports whether post ord has a position.
func (c *columns) hasGeo(ord int32) bool { return !math.IsNaN(float64(c.lat[ord])) }

// push appends a post, and its texts if keepText.
func (c *columns) push(id int64, r *row, title, desc string, keepText bool) {
	c.id = append(c.id, id)
	c.region = append(c.region, r.region)
	c.regionID = append(c.regionID, r.regionID)
	c.occ = append(c.occ, r.occ)
	c.salMin = append(c.salMin, r.salMin)
	c.salMax = append(c.salMax, r.salMax)
	c.salBucket = append(c.salBucket, salaryBucket(r.salMax))
	c.published = append(c.published, r.published)
	c.expires = append(c.expires, r.expires)
	c.expDay = append(c.expDay, uint16(r.expires/86400))
	c.edu = append(c.edu, r.edu)
	c.exp = append(c.exp, r.exp)
	c.flags = append(c.flags, r.flags)
	c.lat = append(c.lat, r.lat)
	c.lng = append(c.lng, r.lng)
	c.flen = append(c.flen, r.flen)
	c.sugg = append(c.sugg, r.sugg)
	if keepText {
		c.text.push(title, desc)
	}
}

// keep returns the n posts whose remap entry is not negative, in order.
func (c *columns) keep(remap []int32, n int) columns {
	return columns{
		id:        keep(c.id, remap, n),
		region:    keep(c.region, remap, n),
		regionID:  keep(c.regionID, remap, n),
		occ:       keep(c.occ, remap, n),
		salMin:    keep(c.salMin, remap, n),
		salMax:    keep(c.salMax, remap, n),
		salBucket: keep(c.salBucket, remap, n),
		published: keep(c.published, remap, n),
		expires:   keep(c.expires, remap, n),
		expDay:    keep(c.expDay, remap, n),
		edu:       keep(c.edu, remap, n),
		exp:       keep(c.exp, remap, n),
		flags:     keep(c.flags, remap, n),
		lat:       keep(c.lat, remap, n),
		lng:       keep(c.lng, remap, n),
		flen:      keep(c.flen, remap, n),
		sugg:      keep(c.sugg, remap, n),
		text:      c.text.keep(remap, n),
	}
}

func keep[T any](s []T, remap []int32, n int) []T {
	out := make([]T, 0, n)
	for i, v := range s {
		if remap[i] >= 0 {
			out = append(out, v)
		}
	}
	return out
}

// fillRow sets the filter and ranking data of r from d.
func fillRow(r *row, d *Doc) {
	r.region = regionValue(d.RegionCode)
	r.occ = occupationValue(d.OccupationCode)
	r.salMin = int32(min(max(d.SalaryMin, 0), math.MaxInt32))
	r.salMax = int32(min(max(d.SalaryMax, 0), math.MaxInt32))
	r.edu, _ = educationRank(d.Education)
	r.exp = uint8(min(max(d.ExperienceYears, 0), math.MaxUint8))
	r.flags = 0
	if d.Internship {
		r.flags |= flagInternship
	}
	r.published = unixTime(d.PublishedAt)
	r.expires = neverExpires
	if !d.ExpiresAt.IsZero() {
		r.expires = unixTime(d.ExpiresAt)
	}
	r.lat, r.lng = float32(math.NaN()), float32(math.NaN())
	if d.HasGeo && validLatLng(d.Lat, d.Lng) {
		r.lat, r.lng = float32(d.Lat), float32(d.Lng)
	}
}

// salaryBucket is the salary in hundreds of yuan, capped to 16 bits.
func salaryBucket(yuan int32) uint16 { return uint16(min(max(yuan/100, 0), math.MaxUint16)) }

// regionDict numbers the distinct region codes of the posts, so the region
// of a post fits in 16 bits and a filter becomes a table lookup. ID 0 means
// "unknown or out of IDs": the filter then reads the full code.
type regionDict struct {
	values []int64 // by ID; values[0] unused
	ids    map[int64]uint16
}

func newRegionDict() regionDict {
	return regionDict{values: []int64{0}, ids: map[int64]uint16{}}
}

// id returns the ID of region value v, adding it if there is room.
func (d *regionDict) id(v int64) uint16 {
	if v == 0 {
		return 0
	}
	if id, ok := d.ids[v]; ok {
		return id
	}
	if len(d.values) > math.MaxUint16 {
		return 0
	}
	id := uint16(len(d.values))
	d.values = append(d.values, v)
	d.ids[v] = id
	return id
}

// within fills ok (reused) with, by ID, whether the region is in [lo, hi).
func (d *regionDict) within(lo, hi int64, ok []bool) []bool {
	ok = slices.Grow(ok[:0], len(d.values))[:len(d.values)]
	for id, v := range d.values {
		ok[id] = id > 0 && v >= lo && v < hi
	}
	return ok
}

func validLatLng(lat, lng float64) bool {
	return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
}
