package web

import (
	"html"
	"html/template"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// jobListHTML renders the search page's result count, cards and pager. It
// is written in Go rather than in jobs.html because it is the busiest
// markup of the platform: twenty cards of template actions were about half
// of the page's CPU under load (serve --cpuprofile, wrk with distinct
// searches), most of it html/template calling its escapers through reflect.
// Every text goes through html.EscapeString, which escapes the same five
// characters html/template does in text and quoted attributes.
func jobListHTML(d *jobsPageData) template.HTML {
	var b strings.Builder
	b.Grow(1024 + 640*len(d.Cards))
	writeResultCount(&b, d)
	b.WriteString("<ul class=\"jlist\">\n")
	for i := range d.Cards {
		writeJobCard(&b, &d.Cards[i], d.CardQuery)
	}
	if len(d.Cards) == 0 {
		writeNoJobs(&b, d.Empty)
	}
	b.WriteString("</ul>\n")
	writePager(&b, d)
	return template.HTML(b.String())
}

func writeResultCount(b *strings.Builder, d *jobsPageData) {
	b.WriteString(`<p class="muted small result-count" role="status">`)
	if d.Searched {
		b.WriteString("找到 " + strconv.Itoa(d.Total) + " 个岗位")
	} else {
		b.WriteString("共 " + strconv.Itoa(d.Total) + " 个在招岗位")
	}
	if d.AsWord != "" {
		b.WriteString("（按拼音搜索“" + html.EscapeString(d.AsWord) + "”）")
	}
	if d.Pages > 1 {
		b.WriteString("，第 " + strconv.Itoa(d.Page) + "/" + strconv.Itoa(d.Pages) + " 页")
	}
	b.WriteString("</p>\n")
}

// writeJobCard writes one BOSS-style card; Tags and Snippet are already
// escaped HTML (see cardOf).
func writeJobCard(b *strings.Builder, c *jobCard, query string) {
	e := html.EscapeString
	b.WriteString(`  <li class="card jcard">` + "\n")
	b.WriteString(`    <a class="jtop" href="/jobs/` + strconv.FormatInt(c.ID, 10) + html.EscapeString(query) + `"><h2>` + e(c.Title) +
		`</h2><strong class="salary">` + e(c.Salary) + "</strong></a>\n")
	b.WriteString(`    <p class="tags">` + string(c.Tags) + "</p>\n")
	if c.Snippet != "" {
		b.WriteString(`    <p class="snippet">` + string(c.Snippet) + "</p>\n")
	}
	b.WriteString(`    <p class="jfoot"><span class="ent">` + e(c.Enterprise) + `</span> <span class="muted small">` + e(c.Place))
	if c.Distance != "" {
		b.WriteString(` · <strong class="dist">` + e(c.Distance) + "</strong>")
	}
	if c.Posted != "" {
		b.WriteString(" · " + e(c.Posted))
	}
	b.WriteString("</span></p>\n  </li>\n")
}

func writeNoJobs(b *strings.Builder, empty bool) {
	b.WriteString(`  <li class="card empty">` + "\n")
	if empty {
		b.WriteString("    <p><strong>暂时还没有在招岗位。</strong></p><p>企业发布的岗位经审核通过后会出现在这里，请稍后再来看看。</p>\n")
	} else {
		b.WriteString("    <p><strong>没有找到符合条件的岗位。</strong></p>\n" +
			`    <p>您可以：换个说法（如“焊工”“司机”“仓管”），减少筛选条件，或 <a href="/jobs">查看全部在招岗位</a>。</p>` + "\n")
	}
	b.WriteString("  </li>\n")
}

func writePager(b *strings.Builder, d *jobsPageData) {
	if d.Pages <= 1 {
		return
	}
	e := html.EscapeString
	b.WriteString(`<nav class="pager" aria-label="分页">` + "\n")
	if d.PrevHref != "" {
		b.WriteString(`  <a href="` + e(d.PrevHref) + `" rel="prev">上一页</a>` + "\n")
	}
	for _, l := range d.PageLinks {
		if l.On {
			b.WriteString(`  <span aria-current="page">` + strconv.Itoa(l.N) + "</span>\n")
		} else {
			b.WriteString(`  <a href="` + e(l.Href) + `">` + strconv.Itoa(l.N) + "</a>\n")
		}
	}
	if d.NextHref != "" {
		b.WriteString(`  <a href="` + e(d.NextHref) + `" rel="next">下一页</a>` + "\n")
	}
	b.WriteString("</nav>\n")
}

// jobSearchFormHTML renders the search form with the visitor's values and
// field errors, in Go for the same reason as jobListHTML: it is on every
// search page and its two dozen template actions cost more than the search.
//
// On a phone the filters are folded into a <details> whose summary is a
// row of chips naming each filter and its current value, so the first
// result sits near the top; tapping the row opens the filters as a sheet
// under it (without JavaScript too). At desk width the CSS keeps the
// sheet open and hides the chips (app.js opens it where the browser lacks
// ::details-content). It is rendered open when a filter has an error.
// occ lists the occupations that have posts (see occOptions).
func jobSearchFormHTML(p *Page, ui *jobsUI, occ *optionList) template.HTML {
	e := html.EscapeString
	var b strings.Builder
	b.Grow(8 << 10)
	b.WriteString(`<form method="get" action="/jobs" class="card jobsearch" role="search" novalidate>
  <div class="qrow">
    <label for="f-q" class="sr-only">关键词</label>
    <input id="f-q" name="q" type="search" value="` + e(p.V("q")) + `" maxlength="50" placeholder="搜岗位、技能或公司，如 焊工、叉车" enterkeyhint="search"`)
	if p.E("q") != "" {
		b.WriteString(` aria-invalid="true"`)
	}
	b.WriteString(">\n    <button type=\"submit\" class=\"btn primary\">搜索</button>\n  </div>\n")
	if occ == nil {
		occ = ui.OccList
	}
	selects := []struct {
		name, id, label, none string
		list                  *optionList
	}{
		{"region", "f-region", "区域", "武汉市全部", ui.RegionList},
		{"occupation", "f-occupation", "职业", "全部职业", occ},
		{"salary_min", "f-salary", "月薪", "不限", ui.SalaryList},
		{"education", "f-education", "我的学历", "不限", ui.EduList},
	}
	b.WriteString(`  <details class="fsheet" data-fsheet`)
	if len(p.Errors) > 0 {
		b.WriteString(" open")
	}
	b.WriteString(">\n    <summary class=\"fchips\"><span class=\"chip lead\">筛选</span>")
	for _, s := range selects {
		writeChip(&b, s.label, s.list.Label(p.V(s.name)))
	}
	sortLabel := ""
	for _, o := range ui.SortOpts {
		if o.Value != "" && o.Value == p.V("sort") {
			sortLabel = o.Label
		}
	}
	if p.V("sort") == "distance" {
		sortLabel = "离我最近"
	}
	writeChip(&b, "排序", sortLabel)
	if p.V("internship") == "1" {
		writeChip(&b, "岗位类型", "见习")
	}
	if p.V("near") != "" && p.E("near") == "" {
		writeChip(&b, "附近", cmpOr(p.V("radius_km")+" 公里", "按距离"))
	}
	b.WriteString("</summary>\n    <div class=\"sheet\">\n  <div class=\"filters\">\n")
	for _, s := range selects {
		writeFieldStart(&b, p, s.name, s.id, s.label)
		b.WriteString(`<option value="">` + s.none + "</option>" + string(s.list.HTML(p.V(s.name))) + "\n      </select>\n    </div>\n")
	}
	writeFieldStart(&b, p, "sort", "f-sort", "排序")
	v := p.V("sort")
	for _, o := range ui.SortOpts {
		writeOption(&b, o.Value, o.Label, o.Value == v)
	}
	if p.V("near") != "" {
		writeOption(&b, "distance", "离我最近", v == "distance")
	}
	b.WriteString("\n      </select>\n    </div>\n")
	b.WriteString(`    <div class="field check"><input type="checkbox" id="f-internship" name="internship" value="1"`)
	if p.V("internship") == "1" {
		b.WriteString(" checked")
	}
	b.WriteString(`> <label for="f-internship">只看就业见习岗位</label></div>` + "\n  </div>\n")
	writeNearRow(&b, p)
	b.WriteString("  <p class=\"sheet-actions\"><button type=\"submit\" class=\"btn primary\">查看结果</button> <a href=\"/jobs\">清除筛选</a></p>\n    </div>\n  </details>\n")
	for _, k := range []string{"experience", "posted_within", "near", "radius_km", "page_size"} {
		if x := p.V(k); x != "" {
			b.WriteString(`  <input type="hidden" name="` + k + `" value="` + e(x) + `">` + "\n")
		}
	}
	if len(p.Errors) > 0 {
		b.WriteString(`  <ul class="errors">`)
		for _, k := range slices.Sorted(maps.Keys(p.Errors)) {
			b.WriteString(`<li class="error">` + e(p.Errors[k]) + "</li>")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</form>")
	return template.HTML(b.String())
}

// writeChip writes a filter's chip in the summary: its name, and its
// value when one is chosen (then marked as on).
func writeChip(b *strings.Builder, label, value string) {
	if i := strings.Index(value, "（"); i > 0 { // "焊工（12）": the count is for the list
		value = value[:i]
	}
	if i := strings.Index(value, " — "); i > 0 { // "叉车工 — 起重装卸机械操作工": the short name
		value = value[:i]
	}
	if value == "" {
		b.WriteString(`<span class="chip">` + label + "</span>")
		return
	}
	b.WriteString(`<span class="chip on">` + label + " · " + html.EscapeString(value) + "</span>")
}

// writeFieldStart opens a filter's field and its select, marked when the
// filter has an error.
func writeFieldStart(b *strings.Builder, p *Page, name, id, label string) {
	b.WriteString(`    <div class="field`)
	if p.E(name) != "" {
		b.WriteString(" has-error")
	}
	b.WriteString("\">\n      <label for=\"" + id + "\">" + label + "</label>\n      <select id=\"" + id + "\" name=\"" + name + "\">\n        ")
}

func writeOption(b *strings.Builder, value, label string, selected bool) {
	b.WriteString(`<option value="` + html.EscapeString(value) + `"`)
	if selected {
		b.WriteString(" selected")
	}
	b.WriteString(">" + html.EscapeString(label) + "</option>")
}

// nearRadiusKm is the radius the 附近的岗位 button asks for.
const nearRadiusKm = "10"

// writeNearRow writes the 附近的岗位 row: a button app.js shows when the
// browser can locate (it fills near, radius_km and the distance sort and
// submits), and, when a search is already around a point, what it is and
// a link that drops the point.
func writeNearRow(b *strings.Builder, p *Page) {
	b.WriteString(`  <p class="near-row"><button type="button" class="btn" data-near="` + nearRadiusKm + `" hidden>附近的岗位</button> <span class="hint" data-near-status aria-live="polite">`)
	if p.V("near") != "" && p.E("near") == "" {
		r := p.V("radius_km")
		if r == "" {
			b.WriteString("按离您的距离显示")
		} else {
			b.WriteString("显示您附近 " + html.EscapeString(r) + " 公里内的岗位")
		}
		b.WriteString(`，<a href="` + html.EscapeString(withoutNear(p)) + `">不限位置</a>`)
	}
	b.WriteString("</span></p>\n")
}

// withoutNear is the current search without its point, radius and
// distance sort.
func withoutNear(p *Page) string {
	v := url.Values{}
	for _, k := range []string{"q", "region", "occupation", "education", "experience", "salary_min", "posted_within", "sort", "internship"} {
		if x := p.V(k); x != "" && !(k == "sort" && x == "distance") {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return "/jobs"
	}
	return "/jobs?" + v.Encode()
}
