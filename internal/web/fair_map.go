package web

// The booth map of a job fair, drawn on the server as SVG from the grid
// (activity.Grid): one rectangle per place, the approved booths filled and
// labelled with their number and the enterprise's name (shortened; the
// full name is the booth's <title>), the empty places outlined. The image
// has a <title> and a <desc> naming every booth, and the page lists the
// booths as text with their links beside it, for screen readers and for
// anyone whose screen is too narrow to read the map.

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/jiuye/jiuye/internal/activity"
)

// The map's geometry in SVG units.
const (
	mapCellW   = 150
	mapCellH   = 66
	mapGap     = 8
	mapHead    = 26 // the row letters' column and the column numbers' row
	mapNameLen = 8  // runes of the enterprise's name shown in a place
)

// boothMapSVG draws the grid; title names the fair.
func boothMapSVG(g activity.BoothGrid, title string) template.HTML {
	w := mapHead + g.Cols*(mapCellW+mapGap)
	h := mapHead + g.Rows*(mapCellH+mapGap)
	var b, desc strings.Builder
	n := 0
	for _, row := range g.Cells {
		for _, booth := range row {
			if booth != nil {
				if n > 0 {
					desc.WriteString("；")
				}
				desc.WriteString(booth.Place() + " " + booth.EnterpriseName)
				n++
			}
		}
	}
	e := html.EscapeString
	d := "共 " + strconv.Itoa(n) + " 个展位"
	if n > 0 {
		d += "：" + desc.String()
	}
	// Drawn at 3/4 scale: a name stays 12 px on a phone, where the map
	// scrolls sideways inside its box.
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(w) + " " + strconv.Itoa(h) + `" width="` + strconv.Itoa(w*3/4) +
		`" height="` + strconv.Itoa(h*3/4) + `" role="img" aria-labelledby="boothmap-t boothmap-d" font-family="sans-serif">`)
	b.WriteString(`<title id="boothmap-t">` + e(title) + ` 展位图</title><desc id="boothmap-d">` + e(d) + `</desc>`)
	for c := range g.Cols {
		x := mapHead + c*(mapCellW+mapGap) + mapCellW/2
		b.WriteString(`<text x="` + strconv.Itoa(x) + `" y="18" text-anchor="middle" font-size="15" fill="#555">` + strconv.Itoa(c+1) + `</text>`)
	}
	for r, row := range g.Cells {
		y := mapHead + r*(mapCellH+mapGap)
		b.WriteString(`<text x="10" y="` + strconv.Itoa(y+mapCellH/2+5) + `" text-anchor="middle" font-size="15" fill="#555">` +
			activity.PlaceName(r+1, 1)[:1] + `</text>`)
		for c, booth := range row {
			x := mapHead + c*(mapCellW+mapGap)
			rect := `<rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" width="` + strconv.Itoa(mapCellW) + `" height="` +
				strconv.Itoa(mapCellH) + `" rx="6"`
			if booth == nil {
				b.WriteString(`<g><title>` + activity.PlaceName(r+1, c+1) + ` 空位</title>` + rect + ` fill="#fff" stroke="#bbb" stroke-dasharray="4 3"/>` +
					`<text x="` + strconv.Itoa(x+mapCellW/2) + `" y="` + strconv.Itoa(y+mapCellH/2+5) + `" text-anchor="middle" font-size="14" fill="#999">` +
					activity.PlaceName(r+1, c+1) + `</text></g>`)
				continue
			}
			name := []rune(booth.EnterpriseName)
			short := booth.EnterpriseName
			if len(name) > mapNameLen {
				short = string(name[:mapNameLen-1]) + "…"
			}
			b.WriteString(`<g><title>` + e(booth.Place()+" "+booth.EnterpriseName) + `</title>` + rect + ` fill="#e8f1fb" stroke="#1a5fb4" stroke-width="2"/>` +
				`<text x="` + strconv.Itoa(x+10) + `" y="` + strconv.Itoa(y+24) + `" font-size="16" font-weight="bold" fill="#1a5fb4">` + booth.Place() + `</text>` +
				`<text x="` + strconv.Itoa(x+10) + `" y="` + strconv.Itoa(y+50) + `" font-size="16" fill="#111">` + e(short) + `</text></g>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
