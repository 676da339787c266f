package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
	"github.com/jiuye/jiuye/internal/registry"
)

// usccChars is the GB 32100 character set, used to pick a check character.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// sizes of companies; 个体工商户 are always 微型. Together they make about
// 微型 45%, 小型 35%, 中型 15%, 大型 5%.
var companySizes = newPicker([]weighted[string]{{"微型", 42}, {"小型", 37}, {"中型", 15.8}, {"大型", 5.2}})

// entGen makes enterprises with unique names and credit codes.
type entGen struct {
	r       *rand.Rand
	now     time.Time
	today   time.Time
	rg      *regions
	sectors picker[picker[string]]
	names   map[string]bool
	usccs   map[string]bool
	n       int // enterprises made so far
}

func newEntGen(r *rand.Rand, now time.Time, rg *regions, industries *codes.Table) (*entGen, error) {
	var secs []weighted[picker[string]]
	for _, s := range industryMix {
		for _, c := range s.v {
			if _, ok := industries.Get(c.v); !ok {
				return nil, fmt.Errorf("demo: industry table has no %s", c.v)
			}
			if len(industryWords[c.v]) == 0 {
				return nil, fmt.Errorf("demo: no name words for industry %s", c.v)
			}
		}
		secs = append(secs, weighted[picker[string]]{newPicker(s.v), s.w})
	}
	for _, z := range industryZones {
		if _, ok := rg.table.Get(z); !ok {
			return nil, fmt.Errorf("demo: region table has no %s", z)
		}
	}
	return &entGen{r: r, now: now, today: civilDate(now), rg: rg, sectors: newPicker(secs),
		names: map[string]bool{}, usccs: map[string]bool{}}, nil
}

// next returns a new enterprise, normalised but not yet validated. The first
// one is always a verified company with a correct credit code: the demo
// employer account belongs to it.
func (g *entGen) next() *registry.Enterprise {
	r := g.r
	first := g.n == 0
	g.n++
	e := &registry.Enterprise{IndustryCode: g.sectors.pick(r).pick(r)}
	shop := !first && shopWords[e.IndustryCode] != nil && r.Float64() < 0.4 // 个体工商户
	if shop {
		e.Size = "微型"
	} else {
		e.Size = companySizes.pick(r)
	}
	e.RegisteredOn = g.registered(e.Size)

	// Credit code: registered in 东西湖 (80%) or another Wuhan district; 个体
	// always locally.
	region := District
	if !shop && r.Float64() >= 0.8 {
		region = uniform(r, g.rg.wuhanCounties)
	}
	e.USCC = g.uscc(e.RegisteredOn, region, shop, first)

	// Location: a street of 东西湖 (industries cluster in their parks) or just the district.
	switch zone, ok := industryZones[e.IndustryCode]; {
	case ok && r.Float64() < 0.35:
		e.RegionCode = zone
	case r.Float64() < 0.7:
		e.RegionCode = uniform(r, g.rg.entStreets)
	default:
		e.RegionCode = District
	}

	for try := 0; ; try++ {
		name := g.name(e, shop, region, 2+try/8) // longer trade names once two-character ones run out
		if !g.names[name] {
			g.names[name], e.Name = true, name
			break
		}
	}
	e.Normalize()
	pv := 0.85
	if e.USCCWarning {
		pv = 0.4
	}
	e.Verified = first || r.Float64() < pv
	return e
}

// uscc returns a credit code, unused so far, issued in region for an
// enterprise registered on: codes issued from October 2015 carry the "MA"
// organisation code, a 个体工商户 (shop) is registered under category 9,
// type 2, and about 0.5% of enterprises but the first get a code that fails
// the check, as some legally issued codes do.
func (g *entGen) uscc(registered time.Time, region string, shop, first bool) string {
	r := g.r
	newStyle := registered.Year() >= 2016 || (registered.Year() == 2015 && registered.Month() >= time.October)
	broken := !first && r.Float64() < 0.005
	for {
		code := registry.GenerateUSCC(r, region)
		if (code[8:10] == "MA") != newStyle {
			continue
		}
		if shop {
			code = withCheckChar(code[:1]+"2"+code[2:17], true, r)
		}
		if broken {
			code = withCheckChar(code[:17], false, r)
		}
		if !g.usccs[code] {
			g.usccs[code] = true
			return code
		}
	}
}

// registered returns a registration date in 1995–2025 (not after yesterday),
// skewed toward recent years; large enterprises are older on average.
func (g *entGen) registered(size string) time.Time {
	start := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	if y := g.today.AddDate(0, 0, -1); y.Before(end) {
		end = y
	}
	if !end.After(start) {
		return end
	}
	u := g.r.Float64()
	if size != "大型" {
		u = math.Sqrt(u)
	}
	days := int(end.Sub(start).Hours() / 24)
	return start.AddDate(0, 0, int(u*float64(days)))
}

// name makes an enterprise name with a trade name of n characters.
func (g *entGen) name(e *registry.Enterprise, shop bool, region string, n int) string {
	r := g.r
	var trade strings.Builder
	for range n {
		trade.WriteRune(uniform(r, tradeChars))
	}
	if shop {
		return "武汉市" + g.rg.countyName(region) + trade.String() + uniform(r, shopWords[e.IndustryCode])
	}
	word := uniform(r, industryWords[e.IndustryCode])
	switch x := r.Float64(); {
	case x < 0.15:
		form := "有限公司"
		if (e.Size == "中型" || e.Size == "大型") && r.Float64() < 0.6 {
			form = "股份有限公司"
		}
		return "湖北" + trade.String() + word + form
	case x < 0.22:
		return trade.String() + "（武汉）" + word + "有限公司"
	case x < 0.35:
		return "武汉市" + trade.String() + word + "有限公司"
	case x < 0.40:
		return "武汉" + trade.String() + word + "有限责任公司"
	default:
		return "武汉" + trade.String() + word + "有限公司"
	}
}

// withCheckChar appends to the 17-character body a check character that
// registry.ParseUSCC accepts (ok) or flags as failing (!ok). It asks the
// registry rather than recomputing GB 32100, so the two cannot disagree.
func withCheckChar(body string, ok bool, r *rand.Rand) string {
	start := r.IntN(len(usccChars))
	for i := range len(usccChars) {
		code := body + string(usccChars[(start+i)%len(usccChars)])
		if info, err := registry.ParseUSCC(code); err == nil && info.ChecksumOK == ok {
			return code
		}
	}
	panic("demo: no check character for " + body) // unreachable: exactly one of 31 is correct
}
