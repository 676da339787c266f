package web

import (
	"strings"
	"testing"
)

func TestWorkplaceMap(t *testing.T) {
	alone := workplaceMap(30.6342, 114.1318, nil, "")
	if alone.Distance != "" || !strings.Contains(string(alone.SVG), "工作地点") || alone.GeoURI != "geo:30.63420,114.13180" {
		t.Fatalf("map alone: %+v", alone)
	}
	// the reference ~1.7 km south-east of the workplace: the workplace is to its north-west
	m := workplaceMap(30.6342, 114.1318, &[2]float64{30.6201, 114.1402}, "您的位置")
	if !strings.HasPrefix(m.Distance, "直线距离约 1.") || !strings.Contains(m.Distance, "西北方向") {
		t.Fatalf("distance %q", m.Distance)
	}
	svg := string(m.SVG)
	if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, "您的位置") || !strings.Contains(svg, "北</text>") {
		t.Fatalf("svg %s", svg)
	}
	for _, k := range []float64{0.05, 2.5, 15} {
		if got := kmText(k); got == "" {
			t.Fatal(k)
		}
	}
}
