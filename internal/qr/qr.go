// Package qr draws QR codes as SVG on the server, so a page can show one
// without JavaScript, an image service or a CDN: the gig check-in code
// today, a job's share link next. The encoding is skip2/go-qrcode's.
package qr

import (
	"fmt"
	"html"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// SVG returns an SVG image of content as a QR code (medium error
// recovery, a 4-module quiet zone), labelled for screen readers with
// label. Every dark module is one square of a single path, so the image
// stays small and scales crisply to any size.
func SVG(content, label string) (string, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("qr.SVG: %w", err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := len(bits)
	const quiet = 4
	size := n + 2*quiet
	var d strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&d, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, size, size, html.EscapeString(label), size, size, d.String()), nil
}
