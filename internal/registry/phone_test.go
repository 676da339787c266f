package registry

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestMobilePatternMatchesData(t *testing.T) {
	b, err := os.ReadFile("testdata/cn-mobile-pattern.txt")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "CN mobile nationalNumberPattern: "
	var pattern string
	var examples int
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, prefix); ok {
			pattern = p
			continue
		}
		// "13800138000 valid: true mobile: true"
		f := strings.Fields(line)
		if len(f) == 5 && f[1] == "valid:" && f[3] == "mobile:" {
			examples++
			want := f[4] == "true"
			got, err := ParsePhone(f[0])
			if (err == nil) != want || (want && got != f[0]) {
				t.Errorf("ParsePhone(%q) = %q, %v; want mobile=%v", f[0], got, err, want)
			}
		}
	}
	if pattern != mobilePattern {
		t.Errorf("mobilePattern = %q, data file has %q", mobilePattern, pattern)
	}
	if examples < 5 {
		t.Errorf("only %d examples read", examples)
	}
}

func TestParsePhone(t *testing.T) {
	valid := map[string]string{
		"13800138000":       "13800138000",
		" 13800138000\t":    "13800138000",
		"138-0013-8000":     "13800138000",
		"138 0013 8000":     "13800138000",
		"+86 138 0013 8000": "13800138000",
		"+86-138-0013-8000": "13800138000",
		"+8613800138000":    "13800138000",
		"8613800138000":     "13800138000",
		"86 138 0013 8000":  "13800138000",
		"17400012345":       "17400012345", // 1740[0-5]
		"17405999999":       "17405999999",
		"14512345678":       "14512345678",
		"19912345678":       "19912345678",
		"16612345678":       "16612345678",
		"+86 174 0512 3456": "17405123456",
		"+86  13800138000":  "13800138000",
	}
	for in, want := range valid {
		got, err := ParsePhone(in)
		if err != nil || got != want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	invalid := map[string]string{
		"":                       msgPhoneEmpty,
		"   ":                    msgPhoneEmpty,
		"1380013800":             msgPhoneFormat, // 10 digits
		"138001380001":           msgPhoneFormat, // 12 digits
		"12345678901":            msgPhoneFormat,
		"10012345678":            msgPhoneFormat,
		"14012345678":            msgPhoneFormat,
		"17406012345":            msgPhoneFormat, // 1740 then 6
		"17412345678":            msgPhoneFormat,
		"16012345678":            msgPhoneFormat,
		"19412345678":            msgPhoneFormat,
		"02788888888":            msgPhoneFormat, // Wuhan landline
		"+87 138 0013 8000":      msgPhoneFormat,
		"+86":                    msgPhoneFormat,
		"+":                      msgPhoneFormat,
		"++8613800138000":        msgPhoneFormat,
		"008613800138000":        msgPhoneFormat,
		"86138001380":            msgPhoneFormat, // 11 digits starting 86: no prefix stripped
		"138.0013.8000":          msgPhoneFormat,
		"(138)00138000":          msgPhoneFormat,
		"1380013800O":            msgPhoneFormat,
		"１３８００１３８０００":            msgPhoneFormat, // full-width
		"13800138000\x00":        msgPhoneFormat,
		"\xff\xfe":               msgPhoneFormat,
		strings.Repeat("1", 100): msgPhoneFormat,
		"1 3 8 0 0 1 3 8 0 0 0 - - - - - - - - - - - - - - - -": msgPhoneFormat, // over the length bound
	}
	for in, msg := range invalid {
		got, err := ParsePhone(in)
		if err == nil {
			t.Errorf("ParsePhone(%q) = %q, want error", in, got)
			continue
		}
		wantFieldError(t, err, FieldPhone, msg)
	}
}

func FuzzParsePhone(f *testing.F) {
	f.Add("13800138000")
	f.Add("+86 138-0013-8000")
	f.Add("8617405123456")
	f.Add("１３８００１３８０００")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePhone(s)
		checkMasks(t, s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != FieldPhone || fe.Message == "" {
				t.Fatalf("error %#v is not a FieldError for phone", err)
			}
			if p != "" {
				t.Fatalf("non-empty %q with error", p)
			}
			return
		}
		if !isDigits(p, 11) || !mobileRE.MatchString(p) {
			t.Fatalf("ParsePhone(%q) = %q", s, p)
		}
		for _, in := range []string{p, "+86" + p, "86" + p, "+86 " + p[:3] + "-" + p[3:7] + "-" + p[7:]} {
			if again, err := ParsePhone(in); err != nil || again != p {
				t.Fatalf("ParsePhone(%q) = %q, %v; want %q", in, again, err, p)
			}
		}
		if m := MaskPhone(p); m != p[:3]+"****"+p[7:] {
			t.Fatalf("MaskPhone(%q) = %q", p, m)
		}
	})
}
