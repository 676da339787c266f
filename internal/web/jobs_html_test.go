package web

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/codes"
)

// TestJobListHTMLEscapes checks the hand-written card markup escapes what
// html/template would: post titles, enterprise names and places come from
// employers, pager links from the visitor's query string.
func TestJobListHTMLEscapes(t *testing.T) {
	d := &jobsPageData{Searched: true, Total: 41, Page: 2, Pages: 3,
		Cards: []jobCard{{ID: 7, Title: `<script>alert("x")</script>`, Salary: "5000-8000元/月", Enterprise: `A&B "公司"`,
			Place: "东西湖区 · 吴家山街", Distance: "距您 2.3 公里", Posted: "今天发布", Tags: `<span class="tag">五险一金</span> `}},
		PrevHref: "/jobs?q=%3Cb%3E&region=420112", PageLinks: []pageLink{{N: 1, Href: "/jobs?a=1&b=2"}, {N: 2, On: true}}}
	got := string(jobListHTML(d))
	for _, want := range []string{
		`<h2>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</h2>`,
		`<span class="ent">A&amp;B &#34;公司&#34;</span>`,
		`href="/jobs?q=%3Cb%3E&amp;region=420112" rel="prev"`,
		`<a href="/jobs?a=1&amp;b=2">1</a>`,
		`<span aria-current="page">2</span>`,
		`找到 41 个岗位，第 2/3 页`,
		`<strong class="dist">距您 2.3 公里</strong>`,
		`<span class="tag">五险一金</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>") || strings.Contains(got, "rel=\"next\"") {
		t.Errorf("unescaped script or a next link without NextHref:\n%s", got)
	}
	empty := string(jobListHTML(&jobsPageData{Empty: true}))
	if !strings.Contains(empty, "暂时还没有在招岗位") || strings.Contains(empty, "pager") {
		t.Errorf("empty board: %s", empty)
	}
}

// TestJobSearchFormHTML checks values are kept and escaped, the selected
// option marked, errors listed in a stable order and field-marked.
func TestJobSearchFormHTML(t *testing.T) {
	ui := newJobsUI(mustTables(t))
	p := &Page{Form: map[string]string{"q": `焊工"><script>`, "region": "420112", "sort": "distance", "near": "30.6,114.1",
		"experience": `3"`}, Errors: map[string]string{"salary_min": "最低月薪须为整数", "education": "学历不在列表中"}}
	got := string(jobSearchFormHTML(p, ui, nil))
	for _, want := range []string{
		`value="焊工&#34;&gt;&lt;script&gt;"`,
		`<option value="420112" selected>东西湖区</option>`,
		`<option value="distance" selected>离我最近</option>`,
		`<input type="hidden" name="experience" value="3&#34;">`,
		`<input type="hidden" name="near" value="30.6,114.1">`,
		`<li class="error">学历不在列表中</li><li class="error">最低月薪须为整数</li>`,
		`<div class="field has-error">
      <label for="f-salary">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>") {
		t.Errorf("unescaped value:\n%s", got)
	}
}

func mustTables(tb testing.TB) *codes.Tables {
	tb.Helper()
	t, err := codes.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// TestNearRow: a search around a point says so and offers to drop the
// point (keeping the other filters, dropping the distance sort); a bad
// point says nothing; the button is always there for app.js to show.
func TestNearRow(t *testing.T) {
	ui := newJobsUI(mustTables(t))
	p := &Page{Form: map[string]string{"q": "焊工", "region": "420112", "near": "30.62,114.14", "radius_km": "10", "sort": "distance"}}
	got := string(jobSearchFormHTML(p, ui, nil))
	for _, want := range []string{
		`<button type="button" class="btn" data-near="10" hidden>附近的岗位</button>`,
		`显示您附近 10 公里内的岗位，<a href="/jobs?q=%E7%84%8A%E5%B7%A5&amp;region=420112">不限位置</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	p.Errors = map[string]string{"near": "位置格式应为 纬度,经度"}
	if got := string(jobSearchFormHTML(p, ui, nil)); strings.Contains(got, "不限位置") {
		t.Error("a refused point is described")
	}
	if got := string(jobSearchFormHTML(&Page{}, ui, nil)); !strings.Contains(got, "data-near") || strings.Contains(got, "不限位置") {
		t.Error("plain search: button missing or point described")
	}
}
