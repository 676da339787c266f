package policy

import "testing"

type a = map[string]any

// TestOperators checks every operator of the DSL, with inclusive
// boundaries, through both the fast and the explained path.
func TestOperators(t *testing.T) {
	leaf := func(field, op string, value any) map[string]any {
		m := map[string]any{"field": field, "op": op}
		if value != nil {
			m["value"] = value
		}
		return m
	}
	cases := []struct {
		name  string
		kind  string
		node  map[string]any
		attrs map[string]any
		date  string
		want  bool
	}{
		{"eq hit", "person", leaf("hukou_city", "eq", "武汉市"), a{"hukou_city": "武汉市"}, "2025-06-30", true},
		{"eq miss", "person", leaf("hukou_city", "eq", "武汉市"), a{"hukou_city": "孝感市"}, "2025-06-30", false},
		{"eq missing", "person", leaf("hukou_city", "eq", "武汉市"), a{}, "2025-06-30", false},
		{"ne hit", "person", leaf("hukou_city", "ne", "武汉市"), a{"hukou_city": "孝感市"}, "2025-06-30", true},
		{"ne miss", "person", leaf("hukou_city", "ne", "武汉市"), a{"hukou_city": "武汉市"}, "2025-06-30", false},
		{"ne missing", "person", leaf("hukou_city", "ne", "武汉市"), a{}, "2025-06-30", false},
		{"eq bool", "person", leaf("full_time", "eq", true), a{"full_time": true}, "2025-06-30", true},
		{"eq number", "person", leaf("ui_months", "eq", 12), a{"ui_months": 12.0}, "2025-06-30", true},
		{"in hit", "person", leaf("education", "in", []string{"大专", "本科"}), a{"education": "本科"}, "2025-06-30", true},
		{"in miss", "person", leaf("education", "in", []string{"大专", "本科"}), a{"education": "高中"}, "2025-06-30", false},
		{"not_in hit", "person", leaf("education", "not_in", []string{"大专", "本科"}), a{"education": "高中"}, "2025-06-30", true},
		{"not_in miss", "person", leaf("education", "not_in", []string{"大专", "本科"}), a{"education": "本科"}, "2025-06-30", false},
		{"in numbers", "person", leaf("ui_months", "in", []any{6, 12}), a{"ui_months": 12}, "2025-06-30", true},
		{"gte boundary", "person", leaf("ui_months", "gte", 12), a{"ui_months": 12}, "2025-06-30", true},
		{"gte below", "person", leaf("ui_months", "gte", 12), a{"ui_months": 11}, "2025-06-30", false},
		{"gte missing", "person", leaf("ui_months", "gte", 12), a{}, "2025-06-30", false},
		{"lte boundary", "person", leaf("unemployed_months", "lte", 6), a{"unemployed_months": 6}, "2025-06-30", true},
		{"lte above", "person", leaf("unemployed_months", "lte", 6), a{"unemployed_months": 7}, "2025-06-30", false},
		{"gt boundary", "person", leaf("ui_months", "gt", 12), a{"ui_months": 12}, "2025-06-30", false},
		{"gt above", "person", leaf("ui_months", "gt", 12), a{"ui_months": 13}, "2025-06-30", true},
		{"lt boundary", "person", leaf("ui_months", "lt", 12), a{"ui_months": 12}, "2025-06-30", false},
		{"lt below", "person", leaf("ui_months", "lt", 12), a{"ui_months": 11.5}, "2025-06-30", true},
		{"is_true", "person", leaf("disabled", "is_true", nil), a{"disabled": true}, "2025-06-30", true},
		{"is_true false", "person", leaf("disabled", "is_true", nil), a{"disabled": false}, "2025-06-30", false},
		{"is_true missing=false", "person", leaf("disabled", "is_true", nil), a{}, "2025-06-30", false},
		{"is_false missing=false", "person", leaf("other_loans", "is_false", nil), a{}, "2025-06-30", true},
		{"is_false true", "person", leaf("other_loans", "is_false", nil), a{"other_loans": true}, "2025-06-30", false},
		{"contains_any hit", "person", leaf("family_hardship", "contains_any", []string{"低保家庭", "脱贫家庭"}), a{"family_hardship": []any{"其他", "脱贫家庭"}}, "2025-06-30", true},
		{"contains_any miss", "person", leaf("family_hardship", "contains_any", []string{"低保家庭"}), a{"family_hardship": []any{"其他"}}, "2025-06-30", false},
		{"contains_any missing=empty", "person", leaf("family_hardship", "contains_any", []string{"低保家庭"}), a{}, "2025-06-30", false},
		{"date_gte boundary", "person", leaf("graduation_date", "date_gte", "2021-01-01"), a{"graduation_date": "2021-01-01"}, "2025-06-30", true},
		{"date_gte before", "person", leaf("graduation_date", "date_gte", "2021-01-01"), a{"graduation_date": "2020-12-31"}, "2025-06-30", false},
		{"date_lte boundary", "person", leaf("graduation_date", "date_lte", "2022-12-31"), a{"graduation_date": "2022-12-31"}, "2025-06-30", true},
		{"date_lte after", "person", leaf("graduation_date", "date_lte", "2022-12-31"), a{"graduation_date": "2023-01-01"}, "2025-06-30", false},
		// P03: graduated exactly 2 years before the evaluation date.
		{"within_years end inclusive", "person", leaf("graduation_date", "within_years", 2), a{"graduation_date": "2023-06-30"}, "2025-06-30", true},
		{"within_years one day late", "person", leaf("graduation_date", "within_years", 2), a{"graduation_date": "2023-06-29"}, "2025-06-30", false},
		{"within_years start inclusive", "person", leaf("graduation_date", "within_years", 2), a{"graduation_date": "2025-06-30"}, "2025-06-30", true},
		{"within_years future date", "person", leaf("graduation_date", "within_years", 2), a{"graduation_date": "2025-07-01"}, "2025-06-30", false},
		{"within_years leap day", "person", leaf("graduation_date", "within_years", 1), a{"graduation_date": "2024-02-29"}, "2025-02-28", true},
		{"within_years leap day late", "person", leaf("graduation_date", "within_years", 1), a{"graduation_date": "2024-02-29"}, "2025-03-01", false},
		{"within_months boundary", "person", leaf("business.reg_date", "within_months", 6), a{"business": a{"reg_date": "2024-12-30"}}, "2025-06-30", true},
		{"within_months late", "person", leaf("business.reg_date", "within_months", 6), a{"business": a{"reg_date": "2024-12-29"}}, "2025-06-30", false},
		{"within_months clamp", "person", leaf("business.reg_date", "within_months", 6), a{"business": a{"reg_date": "2024-08-31"}}, "2025-02-28", true},
		{"within_months clamp late", "person", leaf("business.reg_date", "within_months", 6), a{"business": a{"reg_date": "2024-08-31"}}, "2025-03-01", false},
		{"at_least_months_ago boundary", "person", leaf("business.reg_date", "at_least_months_ago", 6), a{"business": a{"reg_date": "2024-12-30"}}, "2025-06-30", true},
		{"at_least_months_ago short", "person", leaf("business.reg_date", "at_least_months_ago", 6), a{"business": a{"reg_date": "2024-12-31"}}, "2025-06-29", false},
		{"at_least_months_ago clamp", "person", leaf("business.reg_date", "at_least_months_ago", 2), a{"business": a{"reg_date": "2024-12-31"}}, "2025-02-28", true},
		{"not_empty list", "person", leaf("family_hardship", "not_empty", nil), a{"family_hardship": []any{"低保家庭"}}, "2025-06-30", true},
		{"not_empty empty", "person", leaf("family_hardship", "not_empty", nil), a{"family_hardship": []any{}}, "2025-06-30", false},
		{"not_empty derived", "person", leaf("derived.wh_difficulty_categories", "not_empty", nil), a{"disabled": true}, "2025-06-30", true},
		{"contains_any derived", "person", leaf("derived.wh_difficulty_categories", "contains_any", []string{"残疾人"}), a{"disabled": true}, "2025-06-30", true},
		{"contains_any derived miss", "person", leaf("derived.wh_difficulty_categories", "contains_any", []string{"成年孤儿"}), a{"disabled": true}, "2025-06-30", false},
		{"not_empty object list", "enterprise", leaf("new_hires", "not_empty", nil), a{"new_hires": []any{a{"name": "x"}}}, "2025-06-30", true},
		{"age lte boundary", "person", leaf("derived.age", "lte", 35), a{"birth_date": "1990-06-30"}, "2025-06-30", true},
		{"age lte day after", "person", leaf("derived.age", "lte", 34), a{"birth_date": "1990-06-30"}, "2025-06-30", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := leafCatalog(t, tc.kind, tc.node)
			if got := eligibleOn(t, c, tc.kind, tc.attrs, tc.date); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCombinators checks all, any, not and exists-where.
func TestCombinators(t *testing.T) {
	isT := func(f string) map[string]any { return map[string]any{"field": f, "op": "is_true"} }
	allC := leafCatalog(t, "person", map[string]any{"all": []any{isT("disabled"), isT("orphan")}})
	anyC := leafCatalog(t, "person", map[string]any{"any": []any{isT("disabled"), isT("orphan")}})
	notC := leafCatalog(t, "person", map[string]any{"not": isT("disabled")})
	for _, tc := range []struct {
		c     *Catalog
		attrs map[string]any
		want  bool
	}{
		{allC, a{"disabled": true, "orphan": true}, true},
		{allC, a{"disabled": true}, false},
		{anyC, a{"orphan": true}, true},
		{anyC, a{}, false},
		{notC, a{}, true},
		{notC, a{"disabled": true}, false},
	} {
		if got := eligibleOn(t, tc.c, "person", tc.attrs, "2025-06-30"); got != tc.want {
			t.Errorf("%v: got %v", tc.attrs, got)
		}
	}
	ex := leafCatalog(t, "enterprise", map[string]any{"exists": "new_hires", "where": map[string]any{"all": []any{
		map[string]any{"field": "si_months", "op": "gte", "value": 3},
		map[string]any{"field": "derived.is_youth_registered_unemployed_hire", "op": "is_true"},
	}}})
	hires := []any{
		a{"name": "甲", "si_months": 4, "registered_unemployed_at_hire": true, "age_at_hire": 25},
		a{"name": "乙", "si_months": 2, "registered_unemployed_at_hire": true, "age_at_hire": 24},
	}
	if eligibleOn(t, ex, "enterprise", a{"new_hires": hires}, "2025-06-30") {
		t.Error("no single hire satisfies both conditions, but matched")
	}
	hires = append(hires, a{"name": "丙", "si_months": 3, "registered_unemployed_at_hire": true, "age_at_hire": 16})
	if !eligibleOn(t, ex, "enterprise", a{"new_hires": hires}, "2025-06-30") {
		t.Error("third hire qualifies")
	}
	if eligibleOn(t, ex, "enterprise", a{}, "2025-06-30") {
		t.Error("missing list is empty")
	}
}
