package qr

import (
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestSVGDrawsTheBitmap: the SVG has one square per dark module of the
// code, a quiet zone, and an escaped label; content too long fails.
func TestSVGDrawsTheBitmap(t *testing.T) {
	content := "https://jiuye.example/gigs/checkin?s=42&c=123456"
	svg, err := SVG(content, `签到码 <42>`)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := qrcode.New(content, qrcode.Medium)
	q.DisableBorder = true
	dark := 0
	for _, row := range q.Bitmap() {
		for _, b := range row {
			if b {
				dark++
			}
		}
	}
	if got := strings.Count(svg, "h1v1h-1z"); got != dark || dark == 0 {
		t.Fatalf("squares %d, dark modules %d", got, dark)
	}
	if !strings.Contains(svg, `aria-label="签到码 &lt;42&gt;"`) || !strings.HasPrefix(svg, "<svg") {
		t.Fatalf("label or root: %.200s", svg)
	}
	if _, err := SVG(strings.Repeat("x", 5000), "too long"); err == nil {
		t.Fatal("5000 bytes encoded")
	}
}
