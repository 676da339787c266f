package registry

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// cst is China Standard Time; the platform's clock runs in it.
var cst = time.FixedZone("CST", 8*3600)

// testNow is the fixed "now" of the tests: 2025-06-30 12:00 CST.
var testNow = time.Date(2025, 6, 30, 12, 0, 0, 0, cst)

type vector struct {
	kind, value string
	checksumOK  bool
	note        string
}

// readVectors reads testdata/test_vectors.csv (copied from the project's
// reference data; see testdata/README.md).
func readVectors(t testing.TB) []vector {
	t.Helper()
	f, err := os.Open("testdata/test_vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comment = '#'
	cr.LazyQuotes = true // a source column holds ("官方示例")
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "kind,value,expected_checksum_valid,source,note" {
		t.Fatalf("unexpected header %q", recs[0])
	}
	var vs []vector
	for _, r := range recs[1:] {
		if r[2] != "true" && r[2] != "false" {
			t.Fatalf("bad expected_checksum_valid %q", r[2])
		}
		vs = append(vs, vector{kind: r[0], value: r[1], checksumOK: r[2] == "true", note: r[4]})
	}
	return vs
}

// withCheck completes 17 digits with the correct GB 11643 check character.
func withCheck(body17 string) string { return body17 + string(idCheckChar(body17)) }

// wantFieldError fails unless err is a *FieldError for field with message
// msg (msg "" accepts any non-empty message).
func wantFieldError(t testing.TB, err error, field, msg string) {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *FieldError", err, err)
	}
	if fe.Field != field {
		t.Errorf("Field = %q, want %q", fe.Field, field)
	}
	if fe.Message == "" || (msg != "" && fe.Message != msg) {
		t.Errorf("Message = %q, want %q", fe.Message, msg)
	}
	if fe.Error() != fe.Message {
		t.Errorf("Error() = %q, want the message", fe.Error())
	}
}

func TestIDNumberVectors(t *testing.T) {
	n := 0
	for _, v := range readVectors(t) {
		if v.kind != "id18" {
			continue
		}
		n++
		t.Run(v.value, func(t *testing.T) {
			if got := idCheckChar(v.value) == v.value[17]; got != v.checksumOK {
				t.Errorf("checksum ok = %v, want %v", got, v.checksumOK)
			}
			info, err := ParseIDNumber(v.value, testNow)
			if v.value[6:10] < "1900" {
				// The GB example 440524188001010014 is born in 1880: its check
				// character is right, but the platform only accepts births
				// from 1900 on.
				wantFieldError(t, err, FieldIDNumber, msgIDBirth)
				return
			}
			if !v.checksumOK {
				wantFieldError(t, err, FieldIDNumber, msgIDChecksum)
				return
			}
			if err != nil {
				t.Fatalf("ParseIDNumber: %v", err)
			}
			if info.Number != v.value || info.Region != v.value[:6] {
				t.Errorf("info = %+v", info)
			}
			switch {
			case strings.HasPrefix(v.note, "female"):
				if info.Male {
					t.Error("Male = true, want false")
				}
			case strings.HasPrefix(v.note, "male"):
				if !info.Male {
					t.Error("Male = false, want true")
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no id18 vectors")
	}
}

func TestParseIDNumber(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	valid := []struct {
		in     string
		number string
		birth  time.Time
		male   bool
	}{
		{"11010519491231002X", "11010519491231002X", date(1949, 12, 31), false},
		{"11010519491231002x", "11010519491231002X", date(1949, 12, 31), false},
		{" \t11010519491231002x\r\n", "11010519491231002X", date(1949, 12, 31), false},
		{withCheck("42011219900101122"), withCheck("42011219900101122"), date(1990, 1, 1), false},
		{withCheck("42011219900101123"), withCheck("42011219900101123"), date(1990, 1, 1), true},
		{withCheck("42011219900101125"), withCheck("42011219900101125"), date(1990, 1, 1), true},
		{withCheck("42011220000229001"), withCheck("42011220000229001"), date(2000, 2, 29), true},  // leap year
		{withCheck("42011219000101001"), withCheck("42011219000101001"), date(1900, 1, 1), true},   // earliest
		{withCheck("42011220250630002"), withCheck("42011220250630002"), date(2025, 6, 30), false}, // born today
	}
	for _, c := range valid {
		info, err := ParseIDNumber(c.in, testNow)
		if err != nil {
			t.Errorf("ParseIDNumber(%q): %v", c.in, err)
			continue
		}
		want := IDInfo{Number: c.number, Region: c.number[:6], Birth: c.birth, Male: c.male}
		if info != want {
			t.Errorf("ParseIDNumber(%q) = %+v, want %+v", c.in, info, want)
		}
		if info.Birth.Location() != time.UTC {
			t.Errorf("Birth location = %v, want UTC", info.Birth.Location())
		}
	}

	valid18 := withCheck("42011219900101123")
	wrongCheck := valid18[:17] + map[bool]string{true: "1", false: "0"}[valid18[17] == '0']
	invalid := []struct {
		name, in, msg string
	}{
		{"empty", "", msgIDEmpty},
		{"spaces only", "   ", msgIDEmpty},
		{"15 digits (first generation)", "420112900101123", msgIDLength},
		{"17 digits", valid18[:17], msgIDLength},
		{"19 digits", valid18 + "1", msgIDLength},
		{"over-long", strings.Repeat("1", 1<<20), msgIDLength},
		{"inner space", valid18[:9] + " " + valid18[9:17], msgIDFormat},
		{"letter inside", "42011219900101A23" + "4", msgIDFormat},
		{"X inside", "4201121990010112X" + "4", msgIDFormat},
		{"bad check char", valid18[:17] + "A", msgIDFormat},
		{"full-width digits", "４２０１１２１９９０１０１１２３４５", msgIDFormat},
		{"invalid UTF-8 (18 bytes)", strings.Repeat("\xff", 18), msgIDFormat},
		{"invalid UTF-8 (mixed)", valid18[:10] + "\xc3\x28" + valid18[12:], msgIDFormat},
		{"NUL", valid18[:17] + "\x00", msgIDFormat},
		{"Feb 30", withCheck("42011219900230123"), msgIDBirth},
		{"Feb 29 1900 (not leap)", withCheck("42011219000229123"), msgIDBirth},
		{"Feb 29 2023", withCheck("42011220230229123"), msgIDBirth},
		{"Apr 31", withCheck("42011219900431123"), msgIDBirth},
		{"month 13", withCheck("42011219901301123"), msgIDBirth},
		{"month 00", withCheck("42011219900001123"), msgIDBirth},
		{"day 00", withCheck("42011219900100123"), msgIDBirth},
		{"day 32", withCheck("42011219900132123"), msgIDBirth},
		{"1899", withCheck("42011218991231123"), msgIDBirth},
		{"year 0000", withCheck("42011200000101123"), msgIDBirth},
		{"2099", withCheck("42011220990101123"), msgIDBirth},
		{"tomorrow", withCheck("42011220250701123"), msgIDBirth},
		{"wrong check digit", wrongCheck, msgIDChecksum},
		{"lower-case x where a digit is due", strings.ToLower(withCheck("42011219900101123")[:17]) + "x", ""},
	}
	for _, c := range invalid {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "lower-case x where a digit is due" && idCheckChar(c.in) == 'X' {
				t.Skip("check char happens to be X")
			}
			info, err := ParseIDNumber(c.in, testNow)
			if err == nil {
				t.Fatalf("ParseIDNumber(%q) = %+v, want error", c.in, info)
			}
			if info != (IDInfo{}) {
				t.Errorf("info = %+v on error, want zero", info)
			}
			msg := c.msg
			if msg == "" {
				msg = msgIDChecksum
			}
			wantFieldError(t, err, FieldIDNumber, msg)
		})
	}
}

func TestParseIDNumberCheckCharX(t *testing.T) {
	// Find bodies whose check char is X and make sure both cases parse.
	found := 0
	for seq := 100; seq < 200 && found < 3; seq++ {
		body := fmt.Sprintf("42011219900101%03d", seq)
		if idCheckChar(body) != 'X' {
			continue
		}
		found++
		for _, x := range []string{"X", "x"} {
			info, err := ParseIDNumber(body+x, testNow)
			if err != nil || info.Number != body+"X" {
				t.Errorf("ParseIDNumber(%q) = %+v, %v", body+x, info, err)
			}
		}
	}
	if found == 0 {
		t.Fatal("no body with check char X found")
	}
}

func TestParseIDNumberTimeZone(t *testing.T) {
	// 2025-06-30 20:00 UTC is already 2025-07-01 in China: a child born on
	// 07-01 is valid when now is given in CST, not yet when given in UTC.
	id := withCheck("42011220250701123")
	utcNow := time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)
	if _, err := ParseIDNumber(id, utcNow.In(cst)); err != nil {
		t.Errorf("CST now: %v", err)
	}
	if _, err := ParseIDNumber(id, utcNow); err == nil {
		t.Error("UTC now: want future-birth error")
	}
}

func FuzzParseIDNumber(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.value)
	}
	f.Add("11010519491231002x")
	f.Add(withCheck("42011219900230123"))
	f.Fuzz(func(t *testing.T, s string) {
		info, err := ParseIDNumber(s, testNow)
		checkMasks(t, s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != FieldIDNumber || fe.Message == "" {
				t.Fatalf("error %#v is not a FieldError for id_number", err)
			}
			if info != (IDInfo{}) {
				t.Fatalf("non-zero info %+v with error", info)
			}
			return
		}
		n := info.Number
		if n != strings.ToUpper(strings.TrimSpace(s)) || len(n) != 18 || !isDigits(n[:17], 17) {
			t.Fatalf("Number %q from input %q", n, s)
		}
		if info.Region != n[:6] || info.Male != ((n[16]-'0')%2 == 1) {
			t.Fatalf("info %+v inconsistent", info)
		}
		if info.Birth.Format("20060102") != n[6:14] || info.Birth.Year() < 1900 || info.Birth.After(testNow) {
			t.Fatalf("Birth %v from %q", info.Birth, n)
		}
		again, err := ParseIDNumber(n, testNow)
		if err != nil || again != info {
			t.Fatalf("re-parse of %q = %+v, %v; want %+v", n, again, err, info)
		}
		if m := MaskID(n); m != n[:6]+"********"+n[14:] {
			t.Fatalf("MaskID(%q) = %q", n, m)
		}
	})
}

// checkMasks asserts the masking functions do not panic and keep the rune
// count of any input.
func checkMasks(t *testing.T, s string) {
	t.Helper()
	n := utf8.RuneCountInString(s)
	for name, fn := range map[string]func(string) string{"MaskID": MaskID, "MaskPhone": MaskPhone, "MaskName": MaskName} {
		m := fn(s)
		if got := utf8.RuneCountInString(m); got != n {
			t.Fatalf("%s(%q) = %q: %d runes, want %d", name, s, m, got, n)
		}
		if !utf8.ValidString(m) {
			t.Fatalf("%s(%q) = %q: invalid UTF-8", name, s, m)
		}
		if n > 0 && !strings.Contains(m, "*") {
			t.Fatalf("%s(%q) = %q: nothing masked", name, s, m)
		}
	}
}
