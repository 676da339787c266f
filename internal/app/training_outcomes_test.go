package app

import (
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/store"
)

// TestOutcomeReportCertifiedByLine: certificates count per class and per
// provider apart, even when a class and a provider share an id (class 1
// of provider 2, class 2 of provider 1 — ids of two tables). Before the
// fix both counts went into one map keyed by the id as text, and a
// provider with one certified trainee showed 2/1.
func TestOutcomeReportCertifiedByLine(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 7, d, 0, 0, 0, 0, time.UTC) }
	classes := []store.OutcomeClass{
		{ID: 2, ProviderID: 1, ProviderName: "甲培训中心", Title: "七月班", Start: day(5), End: day(12)},
		{ID: 1, ProviderID: 2, ProviderName: "乙培训中心", Title: "六月班", Start: day(1), End: day(2)},
	}
	trainees := []store.ClassTrainee{{ClassID: 2, PersonID: 10, Certified: true}, {ClassID: 1, PersonID: 10, Certified: true},
		{ClassID: 1, PersonID: 11}}
	rep := buildOutcomeReport(OutcomeQuery{}, day(25), classes, trainees, nil, map[int64]int64{2: 1500})
	if len(rep.Providers) != 2 {
		t.Fatalf("providers: %+v", rep.Providers)
	}
	type counts struct{ certified, trainees int }
	got := map[string]counts{"合计": {rep.Total.Certified, rep.Total.Trainees}}
	for _, p := range rep.Providers {
		got[p.Label] = counts{p.Certified, p.Trainees}
		for _, c := range p.Classes {
			got[c.Label] = counts{c.Certified, c.Trainees}
		}
	}
	want := map[string]counts{"甲培训中心": {1, 1}, "七月班": {1, 1}, "乙培训中心": {1, 2}, "六月班": {1, 2}, "合计": {2, 3}}
	for label, w := range want {
		if got[label] != w {
			t.Errorf("%s: certified %d of %d, want %d of %d", label, got[label].certified, got[label].trainees, w.certified, w.trainees)
		}
	}
	if rep.Providers[0].SubsidyYuan != 1500 || rep.Providers[1].SubsidyYuan != 0 || rep.Total.SubsidyYuan != 1500 {
		t.Errorf("subsidy: %d, %d, total %d", rep.Providers[0].SubsidyYuan, rep.Providers[1].SubsidyYuan, rep.Total.SubsidyYuan)
	}
}
