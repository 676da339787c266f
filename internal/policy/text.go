package policy

// Explanations are written into one byte buffer per match, without fmt and
// without a string per piece: text is the writer the derived fields'
// sentences, the leaf sentences and the amounts use, and tref names a piece
// of the finished text (a static string, or a range of the buffer) until the
// buffer becomes the one string the result's texts are cut from.

import (
	"math"
	"strconv"
)

// text is an append-only byte buffer with writers for the values the
// sentences quote. Its methods return the writer, so a sentence reads as
// one chain: w.s("年龄 ").i(a).s(" 周岁"). The written bytes are b[:end]:
// writing moves end and copies into b, so that (b growing aside) it stores
// no pointer, which keeps the collector's write barriers out of the way.
type text struct {
	b   []byte
	end int
}

// String returns the text written.
func (w *text) String() string { return string(w.b[:w.end]) }

// room makes room for k more bytes.
func (w *text) room(k int) {
	if w.end+k > len(w.b) {
		b := make([]byte, max(2*len(w.b), w.end+k, 1024))
		copy(b, w.b[:w.end])
		w.b = b
	}
}

// s writes a string.
func (w *text) s(x string) *text {
	w.room(len(x))
	w.end += copy(w.b[w.end:], x)
	return w
}

// raw writes bytes.
func (w *text) raw(x []byte) *text {
	w.room(len(x))
	w.end += copy(w.b[w.end:], x)
	return w
}

// again writes the bytes [lo, hi) already written.
func (w *text) again(lo, hi int32) {
	w.room(int(hi - lo))
	w.end += copy(w.b[w.end:], w.b[lo:hi])
}

// i writes an integer in decimal.
func (w *text) i(x int) *text {
	var t [24]byte
	return w.raw(strconv.AppendInt(t[:0], int64(x), 10))
}

// n writes a number as fmtNum does.
func (w *text) n(x float64) *text {
	var t [40]byte
	return w.raw(appendNum(t[:0], x))
}

// d writes a date as YYYY-MM-DD.
func (w *text) d(x civil) *text {
	var t [24]byte
	return w.raw(appendCivil(t[:0], x))
}

// pct writes a ratio as a percentage, as pct does.
func (w *text) pct(x float64) *text {
	var t [40]byte
	return w.raw(append(appendNum(t[:0], math.Round(x*10000)/100), '%'))
}

// yuan writes an amount as yuanWords does ("2,210 元").
func (w *text) yuan(x float64) *text {
	var t [64]byte
	return w.raw(appendYuan(t[:0], x, false)).s(" 元")
}

// join writes xs separated by sep.
func (w *text) join(xs []string, sep string) *text {
	for i, x := range xs {
		if i > 0 {
			w.s(sep)
		}
		w.s(x)
	}
	return w
}

// mask writes the names of the set bits of m separated by 、 (as
// strings.Join(maskNames(names, m), "、")).
func (w *text) mask(names []string, m uint32) *text {
	first := true
	for i, n := range names {
		if m&(1<<i) != 0 {
			if !first {
				w.s("、")
			}
			w.s(n)
			first = false
		}
	}
	return w
}

// appendNum formats a number without trailing zeros: 3 → "3", 923.78 →
// "923.78" (integers below 1e15 as integers, the rest with two decimals
// less their trailing zeros and point).
func appendNum(b []byte, x float64) []byte {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.AppendInt(b, int64(x), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	for len(b) > start && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > start && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// appendCivil writes c as YYYY-MM-DD (fmt's %04d-%02d-%02d).
func appendCivil(b []byte, c civil) []byte {
	y, m, d := c.ymd()
	b = appendPadded(b, y, 4)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	return appendPadded(b, d, 2)
}

// appendPadded writes n in decimal, zero-padded to width as %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
		width--
	}
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], int64(n), 10)
	for k := len(digits); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// appendYuan writes an amount as FormatYuan does ("¥1,500", "¥923.78",
// "-¥20"); without the sign ¥ when sign is false and v is not negative
// (yuanWords: "1,500").
func appendYuan(b []byte, v float64, sign bool) []byte {
	neg := v < 0
	var tmp [40]byte
	s := strconv.AppendFloat(tmp[:0], math.Abs(v), 'f', 2, 64)
	if n := len(s); n >= 3 && string(s[n-3:]) == ".00" {
		s = s[:n-3]
	}
	intPart, frac := s, []byte(nil)
	for i, c := range s {
		if c == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	if neg {
		b = append(b, '-')
	}
	if neg || sign {
		b = append(b, "¥"...)
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return append(b, frac...)
}

// tref is a piece of a match's text: the bytes [lo, hi) of its buffer, or,
// when lo is negative, the fixed text number -1-lo of the catalog's strtab.
// The zero tref is the empty text.
type tref struct{ lo, hi int32 }

// fixed names text id of the strtab.
func fixed(id int32) tref { return tref{lo: -1 - id} }

// strtab numbers the fixed texts of a catalog's explanations (labels,
// field paths, precompiled sentences), so that the explainer refers to them
// by number and its scratch space holds no pointers. It is filled while the
// catalog is compiled and only read after.
type strtab struct {
	ids  map[string]int32
	list []string
}

// newStrtab returns a table whose text 0 is "".
func newStrtab() *strtab { return &strtab{ids: map[string]int32{"": 0}, list: []string{""}} }

// id returns the number of s, adding it if new.
func (t *strtab) id(s string) int32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	id := int32(len(t.list))
	t.list = append(t.list, s)
	t.ids[s] = id
	return id
}
