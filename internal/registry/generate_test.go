package registry

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestGenerateIDNumberRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	regions := []string{"420112", "110105", "440524", "650102"}
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(testNow.Sub(start).Hours()/24) + 1
	males := 0
	for i := range 5000 {
		region := regions[i%len(regions)]
		birth := start.AddDate(0, 0, r.IntN(days))
		if i == 0 {
			birth = time.Date(2025, 6, 30, 23, 0, 0, 0, cst) // today, given in CST
		}
		male := r.IntN(2) == 0
		id := GenerateIDNumber(r, region, birth, male)
		info, err := ParseIDNumber(id, testNow)
		if err != nil {
			t.Fatalf("ParseIDNumber(%q): %v", id, err)
		}
		by, bm, bd := birth.Date()
		want := IDInfo{Number: id, Region: region, Birth: time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC), Male: male}
		if info != want {
			t.Fatalf("ParseIDNumber(%q) = %+v, want %+v", id, info, want)
		}
		if id[14:17] == "000" {
			t.Fatalf("%q has sequence code 000", id)
		}
		if male {
			males++
		}
	}
	if males < 2000 || males > 3000 {
		t.Errorf("%d of 5000 male", males)
	}
}

func TestGeneratorsDeterministic(t *testing.T) {
	gen := func() []string {
		r := rand.New(rand.NewPCG(42, 7))
		var out []string
		for range 20 {
			out = append(out,
				GenerateIDNumber(r, "420112", time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), true),
				GenerateUSCC(r, "420112"),
				GeneratePhone(r))
		}
		return out
	}
	a, b := gen(), gen()
	if !slices.Equal(a, b) {
		t.Fatal("generators are not deterministic for the same seed")
	}
	seen := map[string]bool{}
	for _, s := range a {
		seen[s] = true
	}
	if len(seen) < len(a)-1 { // the 20 phone/ID/USCC values should be distinct
		t.Errorf("only %d distinct values of %d", len(seen), len(a))
	}
}

func TestGenerateUSCCRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ma := 0
	for i := range 5000 {
		region := fmt.Sprintf("%06d", 110000+r.IntN(800000))
		c := GenerateUSCC(r, region)
		info, err := ParseUSCC(c)
		if err != nil || !info.ChecksumOK || info.Code != c || info.Region != region || c[:2] != "91" {
			t.Fatalf("ParseUSCC(%q) = %+v, %v", c, info, err)
		}
		org := c[8:17]
		if orgCodeCheckChar([]byte(org)) != org[8] {
			t.Fatalf("%q: organisation code %q fails GB 11714", c, org)
		}
		if org[:2] == "MA" {
			ma++
		}
		_ = i
	}
	if ma == 0 || ma == 5000 {
		t.Errorf("%d MA-series codes of 5000", ma)
	}
}

func TestOrgCodeCheckChar(t *testing.T) {
	// Organisation codes inside real USCC vectors; GB 11714 check chars.
	for _, c := range []string{"91110108795101314G", "914403001922038216", "91330000704202479R", "91120222MA06DG3067"} {
		org := c[8:17]
		if got := orgCodeCheckChar([]byte(org)); got != org[8] {
			t.Errorf("%s: org code %s check = %c", c, org, got)
		}
	}
}

func TestGeneratePhone(t *testing.T) {
	// mobilePrefixes must be exactly the 3-digit prefixes the pattern accepts
	// with any 8 following digits.
	var want []string
	for p := 100; p < 200; p++ {
		ps := fmt.Sprint(p)
		if mobileRE.MatchString(ps+"00000000") && mobileRE.MatchString(ps+"99999999") {
			want = append(want, ps)
		}
	}
	if !slices.Equal(want, mobilePrefixes[:]) {
		t.Errorf("mobilePrefixes = %v\nwant %v", mobilePrefixes, want)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		p := GeneratePhone(r)
		if got, err := ParsePhone(p); err != nil || got != p {
			t.Fatalf("ParsePhone(%q) = %q, %v", p, got, err)
		}
	}
}

func TestGeneratePanicsOnBadRegion(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, f := range []func(){
		func() { GenerateIDNumber(r, "4201", time.Now(), true) },
		func() { GenerateUSCC(r, "42011A") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic for a bad region")
				}
			}()
			f()
		}()
	}
}
