package policy

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// The explainer's writers replace fmt; these tests hold them to the fmt
// formatting the explanations were written with before.

// fmtNumRef is fmtNum as it was, with fmt.
func fmtNumRef(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return fmt.Sprintf("%d", int64(x))
	}
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// formatYuanRef is FormatYuan as it was.
func formatYuanRef(v float64) string {
	neg := v < 0
	s := strings.TrimSuffix(strconv.FormatFloat(math.Abs(v), 'f', 2, 64), ".00")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("¥")
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// numberSamples are edge cases and random values of every magnitude.
func numberSamples() []float64 {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.05, 0.055, 0.005, 0.004999, 2.675, 923.78, 1234567.5, 1e15, 1e15 + 0.5, -1e15, 1e20, 999.995, 0.1 + 0.2,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(18)-3))
		if rng.IntN(3) == 0 {
			x = math.Round(x*100) / 100
		}
		xs = append(xs, x)
	}
	return xs
}

func TestAppendNumMatchesFmt(t *testing.T) {
	for _, x := range numberSamples() {
		if got, want := fmtNum(x), fmtNumRef(x); got != want {
			t.Fatalf("fmtNum(%v) = %q, want %q", x, got, want)
		}
		var w text
		if got, want := w.pct(x).String(), fmtNumRef(math.Round(x*10000)/100)+"%"; got != want {
			t.Fatalf("pct(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestAppendYuanMatchesFormatYuan(t *testing.T) {
	for _, x := range numberSamples() {
		if got, want := FormatYuan(x), formatYuanRef(x); got != want {
			t.Fatalf("FormatYuan(%v) = %q, want %q", x, got, want)
		}
		var w text
		if got, want := w.yuan(x).String(), strings.TrimPrefix(formatYuanRef(x), "¥")+" 元"; got != want {
			t.Fatalf("yuan(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestAppendCivilMatchesFmt(t *testing.T) {
	cs := []civil{0, mkCivil(1, 1, 1), mkCivil(2025, 6, 30), mkCivil(999, 12, 31), mkCivil(10000, 1, 1), mkCivil(123456, 7, 8), -mkCivil(5, 1, 2)}
	for d := mkCivil(1999, 1, 1); d < mkCivil(2031, 1, 1); d = addDays(d, 17) {
		cs = append(cs, d)
	}
	for _, c := range cs {
		y, m, d := c.ymd()
		if got, want := c.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, d); got != want {
			t.Fatalf("civil(%d).String() = %q, want %q", int32(c), got, want)
		}
	}
	for _, n := range []int{0, 5, -5, 42, -42, 123456, -123456} {
		for _, w := range []int{2, 4} {
			if got, want := string(appendPadded(nil, n, w)), fmt.Sprintf("%0*d", w, n); got != want {
				t.Fatalf("appendPadded(%d, %d) = %q, want %q", n, w, got, want)
			}
		}
	}
}
