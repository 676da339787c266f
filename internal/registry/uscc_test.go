package registry

import (
	"errors"
	"strings"
	"testing"
)

func TestUSCCVectors(t *testing.T) {
	n, failing := 0, 0
	for _, v := range readVectors(t) {
		if v.kind != "uscc" {
			continue
		}
		n++
		if !v.checksumOK {
			failing++
		}
		t.Run(v.value, func(t *testing.T) {
			for _, in := range []string{v.value, strings.ToLower(v.value), "  " + v.value + "\n"} {
				info, err := ParseUSCC(in)
				if err != nil {
					t.Fatalf("ParseUSCC(%q): %v (legally issued codes must not be rejected)", in, err)
				}
				want := USCCInfo{Code: v.value, ChecksumOK: v.checksumOK, Region: v.value[2:8]}
				if info != want {
					t.Errorf("ParseUSCC(%q) = %+v, want %+v", in, info, want)
				}
			}
		})
	}
	if n == 0 || failing == 0 {
		t.Fatalf("%d uscc vectors, %d failing the checksum; want some of each", n, failing)
	}
}

func TestParseUSCC(t *testing.T) {
	const ok = "91350100M000100Y43"
	info, err := ParseUSCC(ok)
	if err != nil || !info.ChecksumOK || info.Region != "350100" {
		t.Fatalf("ParseUSCC(%q) = %+v, %v", ok, info, err)
	}
	// Every wrong check character is accepted but flagged.
	for i := range len(usccChars) {
		c := usccChars[i]
		if c == ok[17] {
			continue
		}
		info, err := ParseUSCC(ok[:17] + string(c))
		if err != nil || info.ChecksumOK {
			t.Errorf("check char %c: %+v, %v; want accepted with ChecksumOK=false", c, info, err)
		}
	}
	invalid := []struct{ name, in, msg string }{
		{"empty", "", msgUSCCEmpty},
		{"blank", " \t ", msgUSCCEmpty},
		{"17 chars", ok[:17], msgUSCCLength},
		{"19 chars", ok + "0", msgUSCCLength},
		{"over-long", strings.Repeat("9", 1<<20), msgUSCCLength},
		{"15-digit registration number", "110108000000016", msgUSCCLength},
		{"letter I", "91350100M000I00Y43", msgUSCCChars},
		{"letter O", "91350100M000O00Y43", msgUSCCChars},
		{"letter Z", "91350100M000Z00Y43", msgUSCCChars},
		{"letter S", "91350100M000S00Y43", msgUSCCChars},
		{"letter V", "91350100M000V00Y43", msgUSCCChars},
		{"lower-case o", "91350100m000o00y43", msgUSCCChars},
		{"punctuation", "91350100M000-00Y43", msgUSCCChars},
		{"inner space", "91350100M000 00Y43", msgUSCCChars},
		{"full-width", "９１３５０１００Ｍ０００１００Ｙ４３", msgUSCCChars},
		{"invalid UTF-8", strings.Repeat("\xfe", 18), msgUSCCChars},
		{"letter in region", "9135A100M000100Y43", msgUSCCRegion},
	}
	for _, c := range invalid {
		t.Run(c.name, func(t *testing.T) {
			info, err := ParseUSCC(c.in)
			if err == nil {
				t.Fatalf("ParseUSCC(%q) = %+v, want error", c.in, info)
			}
			wantFieldError(t, err, FieldUSCC, c.msg)
		})
	}
}

func FuzzParseUSCC(f *testing.F) {
	for _, v := range readVectors(f) {
		f.Add(v.value)
	}
	f.Add("91350100m000100y43")
	f.Fuzz(func(t *testing.T, s string) {
		info, err := ParseUSCC(s)
		checkMasks(t, s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != FieldUSCC || fe.Message == "" {
				t.Fatalf("error %#v is not a FieldError for uscc", err)
			}
			if info != (USCCInfo{}) {
				t.Fatalf("non-zero info %+v with error", info)
			}
			return
		}
		c := info.Code
		if c != strings.ToUpper(strings.TrimSpace(s)) || len(c) != 18 || info.Region != c[2:8] || !isDigits(info.Region, 6) {
			t.Fatalf("ParseUSCC(%q) = %+v", s, info)
		}
		for i := range len(c) {
			if strings.IndexByte(usccChars, c[i]) < 0 {
				t.Fatalf("Code %q has %q outside the GB 32100 set", c, c[i])
			}
		}
		if info.ChecksumOK != (usccCheckChar(c) == c[17]) {
			t.Fatalf("ChecksumOK wrong for %q", c)
		}
		again, err := ParseUSCC(c)
		if err != nil || again != info {
			t.Fatalf("re-parse of %q = %+v, %v; want %+v", c, again, err, info)
		}
	})
}
