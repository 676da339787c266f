package web

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// gigListHTML renders 附近的零工's result count, cards and pager. Like
// jobListHTML it is written in Go rather than in gigs.html because it is
// the gig broker's busiest markup: the template's cards and selects were
// two thirds of the page's CPU (BenchmarkGigsPage's profile), most of it
// html/template calling its escapers through reflect. Every text goes
// through html.EscapeString, which escapes what html/template does in text
// and quoted attributes.
func gigListHTML(d *gigsListData, radius string) template.HTML {
	e := html.EscapeString
	var b strings.Builder
	b.Grow(1024 + 720*len(d.Cards))
	b.WriteString(`<p class="muted small result-count" role="status">共 ` + strconv.Itoa(d.Total) + " 个零工")
	if d.HasPoint {
		if radius == "" {
			radius = "10"
		}
		b.WriteString("（" + e(radius) + " 公里内）")
	}
	b.WriteString("</p>\n<ul class=\"jlist\">\n")
	for i := range d.Cards {
		writeGigCard(&b, &d.Cards[i])
	}
	if len(d.Cards) == 0 {
		b.WriteString(`  <li class="card empty"><p>附近暂时没有零工。可以换个区或日期，或<a href="/jobs">看看长期岗位</a>。</p></li>` + "\n")
	}
	b.WriteString("</ul>\n")
	if d.PrevHref != "" || d.NextHref != "" {
		b.WriteString(`<nav class="pager" aria-label="分页">`)
		if d.PrevHref != "" {
			b.WriteString(`<a href="` + e(d.PrevHref) + `">‹ 上一页</a>`)
		}
		b.WriteString(`<span class="muted">第 ` + strconv.Itoa(d.Page) + " 页</span>")
		if d.NextHref != "" {
			b.WriteString(`<a href="` + e(d.NextHref) + `">下一页 ›</a>`)
		}
		b.WriteString("</nav>\n")
	}
	return template.HTML(b.String())
}

func writeGigCard(b *strings.Builder, c *gigCard) {
	e := html.EscapeString
	b.WriteString(`  <li class="card jcard gcard">` + "\n")
	b.WriteString(`    <a class="jtop" href="/gigs/` + strconv.FormatInt(c.ID, 10) + `"><h2>`)
	if c.Urgent {
		b.WriteString(`<span class="tag urgent">急招</span> `)
	}
	b.WriteString(e(c.Title) + `</h2><strong class="salary">` + e(c.Pay) + "</strong></a>\n")
	b.WriteString(`    <p class="gshift">`)
	if c.Soon != "" {
		b.WriteString(`<span class="tag soon">` + e(c.Soon) + `</span> `)
	}
	b.WriteString(e(c.Shift))
	if c.MoreShifts > 0 {
		b.WriteString(` <span class="muted small">等 ` + strconv.Itoa(c.MoreShifts+1) + ` 个班次</span>`)
	}
	b.WriteString("</p>\n")
	b.WriteString(`    <p class="jfoot"><span class="ent">` + e(c.Emp) + `</span> <span class="muted small">` + e(c.Place))
	if c.Distance != "" {
		b.WriteString(` · <strong class="dist">` + e(c.Distance) + "</strong>")
	}
	b.WriteString("</span></p>\n")
	b.WriteString(`    <p class="credit small">` + e(c.Credit) + "</p>\n")
	b.WriteString(`    <p class="gfill`)
	if c.Full {
		b.WriteString(" full")
	}
	b.WriteString(`">` + e(c.Fill))
	if c.Full {
		b.WriteString(" · 已满，可候补")
	}
	if c.Instant {
		b.WriteString(" · 报名即录用")
	}
	b.WriteString("</p>\n  </li>\n")
}

// selectHTML renders the options of a small select with value selected.
func selectHTML(opts []opt, value string) template.HTML {
	e := html.EscapeString
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<option value="` + e(o.Value) + `"`)
		if o.Value == value {
			b.WriteString(" selected")
		}
		b.WriteString(">" + e(o.Label) + "</option>")
	}
	return template.HTML(b.String())
}
