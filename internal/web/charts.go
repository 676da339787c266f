package web

// Server-drawn SVG charts for the staff statistics pages: no script, no
// library, readable at 375 px. Each chart is role="img" with a <title> and
// a <desc> that say what it shows in words; the page puts a table with the
// same numbers next to it, so nothing is only in the picture.

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
)

// chartStage is one bar of a funnel.
type chartStage struct {
	Label string
	N     int
}

// funnelSVG draws stages as bars narrowing from the first, each labelled
// with its count and its share of the previous stage.
func funnelSVG(id, title string, stages []chartStage) template.HTML {
	const w, barH, gap, left = 320.0, 26.0, 10.0, 52.0
	h := float64(len(stages))*(barH+gap) + gap
	top := 0
	for _, s := range stages {
		top = max(top, s.N)
	}
	var desc []string
	var b strings.Builder
	for i, s := range stages {
		y := gap + float64(i)*(barH+gap)
		bw := 0.0
		if top > 0 {
			bw = (w - left - 8) * float64(s.N) / float64(top)
		}
		share := ""
		if i > 0 {
			share = "（" + percentOf(s.N, stages[i-1].N) + "）"
		}
		desc = append(desc, s.Label+" "+strconv.Itoa(s.N)+share)
		fmt.Fprintf(&b, `<text x="0" y="%g" class="chart-l">%s</text>`, y+barH*0.68, html.EscapeString(s.Label))
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%.1f" height="%g" rx="3" class="chart-bar s%d"/>`, left, y, max(bw, 1), barH, i)
		tx, anchor, cls := left+bw+4, "start", "chart-v"
		if bw > 120 {
			tx, anchor, cls = left+bw-4, "end", "chart-v in"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="%s" class="%s">%d%s</text>`, tx, y+barH*0.68, anchor, cls, s.N, html.EscapeString(share))
	}
	return svgDoc(id, title, strings.Join(desc, "；"), w, h, b.String())
}

// percentOf is n as a share of of, "—" when of is 0.
func percentOf(n, of int) string {
	if of == 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(n)*100/float64(of), 'f', 0, 64) + "%"
}

// chartSeries is one line of a trend chart.
type chartSeries struct {
	Label  string
	Values []int
}

// trendSVG draws series over the same months as lines with dots and a
// legend; months are labelled every other one to fit a phone.
func trendSVG(id, title string, months []string, series []chartSeries) template.HTML {
	const w, h, left, right, top, bottom = 320.0, 200.0, 30.0, 8.0, 30.0, 24.0
	maxV := 1
	for _, s := range series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	scale := niceCeil(maxV)
	n := len(months)
	x := func(i int) float64 {
		if n <= 1 {
			return left
		}
		return left + (w-left-right)*float64(i)/float64(n-1)
	}
	y := func(v int) float64 { return h - bottom - (h-top-bottom)*float64(v)/float64(scale) }
	var b strings.Builder
	for _, g := range []int{0, scale / 2, scale} {
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" class="chart-grid"/><text x="%g" y="%.1f" text-anchor="end" class="chart-a">%d</text>`,
			left, w-right, y(g), y(g), left-4, y(g)+4, g)
	}
	for i, m := range months {
		if (n-1-i)%2 == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle" class="chart-a">%s</text>`, x(i), h-6, html.EscapeString(monthShort(m)))
		}
	}
	var desc []string
	lx := left
	for si, s := range series {
		var pts []string
		var words []string
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
			words = append(words, monthShort(months[i])+" "+strconv.Itoa(v))
		}
		fmt.Fprintf(&b, `<polyline points="%s" class="chart-line s%d"/>`, strings.Join(pts, " "), si+1)
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" class="chart-dot s%d"/>`, x(i), y(v), si+1)
		}
		fmt.Fprintf(&b, `<rect x="%g" y="8" width="12" height="12" rx="2" class="chart-bar s%d"/><text x="%g" y="18" class="chart-a">%s</text>`,
			lx, si+1, lx+16, html.EscapeString(s.Label))
		lx += 16 + float64(len([]rune(s.Label)))*13 + 14
		desc = append(desc, s.Label+"："+strings.Join(words, "，"))
	}
	return svgDoc(id, title, strings.Join(desc, "；"), w, h, b.String())
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (at least 2, so
// the middle grid line is a whole number).
func niceCeil(v int) int {
	p := 1
	for {
		for _, m := range []int{2, 5, 10} {
			if m*p >= v {
				return m * p
			}
		}
		p *= 10
	}
}

// monthShort is "2025-06" as "6月".
func monthShort(m string) string {
	if i := strings.IndexByte(m, '-'); i >= 0 {
		if n, err := strconv.Atoi(m[i+1:]); err == nil {
			return strconv.Itoa(n) + "月"
		}
	}
	return m
}

// svgDoc wraps a chart's shapes: role="img", named by its title and
// described in words by desc (both first, as screen readers expect).
func svgDoc(id, title, desc string, w, h float64, body string) template.HTML {
	return template.HTML(fmt.Sprintf(`<svg class="chart" id="%s" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %g %g" width="100%%" preserveAspectRatio="xMinYMin meet">`+
		`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>%s</svg>`,
		id, id, id, w, h, id, html.EscapeString(title), id, html.EscapeString(desc), body))
}
