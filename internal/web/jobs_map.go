package web

// The workplace's position as a small map drawn on the server (no tiles,
// no CDN, no script): the workplace in the middle of a kilometre grid with
// north and a scale bar, and, when the visitor's place is known (their
// resume's place, or the point of a 附近的岗位 search), that place, the
// straight line between them and the distance and direction in words.

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/gigs"
)

const (
	mapW, mapH = 320, 200
	mapMargin  = 34 // px kept clear around the points
)

// placeMap is the map of a post's workplace.
type placeMap struct {
	SVG      template.HTML
	Distance string       // "直线距离约 3.2 公里，工作地点在您的位置东北方向" ("" without a reference place)
	GeoURI   template.URL // geo:LAT,LNG for the phone's map app (built here from numbers)
}

// workplaceMap draws the workplace at (lat, lng); ref (may be nil) is the
// visitor's place, named refName ("您的位置", "您简历中的住址").
func workplaceMap(lat, lng float64, ref *[2]float64, refName string) placeMap {
	m := placeMap{GeoURI: template.URL("geo:" + strconv.FormatFloat(lat, 'f', 5, 64) + "," + strconv.FormatFloat(lng, 'f', 5, 64))}
	cos := math.Cos(lat * math.Pi / 180)
	// km east and north of the workplace
	km := func(la, ln float64) (x, y float64) { return (ln - lng) * 111.32 * cos, (la - lat) * 110.57 }
	var rx, ry, dist float64
	scale := 40.0 // px per km with the workplace alone: a 1 km grid
	cx, cy := 0.0, 0.0
	if ref != nil {
		rx, ry = km(ref[0], ref[1])
		dist = gigs.DistanceKm(ref[0], ref[1], lat, lng)
		cx, cy = rx/2, ry/2
		if dx, dy := math.Abs(rx)/2, math.Abs(ry)/2; dx > 0 || dy > 0 {
			scale = math.Min(scale*2, math.Min((mapW/2-mapMargin)/math.Max(dx, 1e-6), (mapH/2-mapMargin)/math.Max(dy, 1e-6)))
		}
	}
	px := func(x, y float64) (float64, float64) { return mapW/2 + (x-cx)*scale, mapH/2 - (y-cy)*scale }
	step := 0.1
	for _, s := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500} {
		step = s
		if s*scale >= 40 {
			break
		}
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	var b strings.Builder
	title := "工作地点位置示意图"
	if ref != nil {
		m.Distance = "直线距离约 " + kmText(dist) + "，工作地点在" + refName + "的" + direction(rx, ry) + "方向"
		title += "：" + m.Distance
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(mapW) + " " + strconv.Itoa(mapH) +
		`" role="img" aria-label="` + html.EscapeString(title) + `" class="placemap">`)
	b.WriteString(`<rect width="100%" height="100%" fill="#f3f6f9"/>`)
	// grid lines every step km, through the workplace
	b.WriteString(`<g stroke="#d5dde5" stroke-width="1">`)
	x0, y0 := px(0, 0)
	for i := -40; i <= 40; i++ {
		gx, gy := x0+float64(i)*step*scale, y0+float64(i)*step*scale
		if gx >= 0 && gx <= mapW {
			b.WriteString(`<line x1="` + f(gx) + `" y1="0" x2="` + f(gx) + `" y2="` + strconv.Itoa(mapH) + `"/>`)
		}
		if gy >= 0 && gy <= mapH {
			b.WriteString(`<line x1="0" y1="` + f(gy) + `" x2="` + strconv.Itoa(mapW) + `" y2="` + f(gy) + `"/>`)
		}
	}
	b.WriteString(`</g>`)
	if ref != nil {
		qx, qy := px(rx, ry)
		b.WriteString(`<line x1="` + f(qx) + `" y1="` + f(qy) + `" x2="` + f(x0) + `" y2="` + f(y0) + `" stroke="#0b5cad" stroke-width="2" stroke-dasharray="6 4"/>`)
		b.WriteString(`<circle cx="` + f(qx) + `" cy="` + f(qy) + `" r="6" fill="#0b5cad" stroke="#fff" stroke-width="2"/>`)
		b.WriteString(mapLabel(qx, qy, refName, "#084583"))
		mx, my := (qx+x0)/2, (qy+y0)/2
		b.WriteString(`<text x="` + f(mx) + `" y="` + f(my-6) + `" font-size="12" text-anchor="middle" fill="#1b1f24" stroke="#f3f6f9" stroke-width="3" paint-order="stroke">` + kmText(dist) + `</text>`)
	}
	// the workplace: a pin
	b.WriteString(`<path d="M` + f(x0) + " " + f(y0) + ` l-8 -14 a9 9 0 1 1 16 0 z" fill="#c2410c" stroke="#fff" stroke-width="1.5"/>`)
	b.WriteString(`<circle cx="` + f(x0) + `" cy="` + f(y0-18) + `" r="3" fill="#fff"/>`)
	b.WriteString(mapLabel(x0, y0-22, "工作地点", "#9a3412"))
	// north arrow and scale bar
	b.WriteString(`<g fill="#1b1f24" font-size="12"><path d="M300 10 l6 16 l-6 -4 l-6 4 z"/><text x="300" y="40" text-anchor="middle">北</text>`)
	bar := step * scale
	b.WriteString(`<path d="M10 ` + strconv.Itoa(mapH-12) + ` v6 h` + f(bar) + ` v-6" fill="none" stroke="#1b1f24" stroke-width="2"/>`)
	b.WriteString(`<text x="` + f(14+bar) + `" y="` + strconv.Itoa(mapH-6) + `">` + kmText(step) + `</text></g>`)
	b.WriteString(`</svg>`)
	m.SVG = template.HTML(b.String())
	return m
}

// mapLabel is a text above a point, readable over the grid and the line.
func mapLabel(x, y float64, text, color string) string {
	anchor := "middle"
	if x < 50 {
		anchor = "start"
	} else if x > mapW-50 {
		anchor = "end"
	}
	ty := y - 10
	if ty < 14 {
		ty = y + 22
	}
	return `<text x="` + strconv.FormatFloat(x, 'f', 1, 64) + `" y="` + strconv.FormatFloat(ty, 'f', 1, 64) + `" font-size="13" font-weight="700" text-anchor="` +
		anchor + `" fill="` + color + `" stroke="#f3f6f9" stroke-width="3" paint-order="stroke">` + html.EscapeString(text) + `</text>`
}

// kmText is "850 米" or "3.2 公里".
func kmText(km float64) string {
	if km < 1 {
		return strconv.Itoa(int(km*1000+0.5)/10*10) + " 米"
	}
	if km >= 10 {
		return strconv.Itoa(int(km+0.5)) + " 公里"
	}
	return strconv.FormatFloat(km, 'f', 1, 64) + " 公里"
}

// direction names the direction of (x east, y north) in eight parts.
func direction(x, y float64) string {
	// from the reference to the workplace: the workplace is at (-x, -y) from ref
	a := math.Atan2(-x, -y) * 180 / math.Pi // 0 = north, clockwise
	if a < 0 {
		a += 360
	}
	names := [...]string{"北", "东北", "东", "东南", "南", "西南", "西", "西北"}
	return names[int((a+22.5)/45)%8]
}
