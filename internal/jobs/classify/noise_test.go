package classify

import (
	"os"
	"testing"
)

// noisePrefixes and noiseSuffixes are the boilerplate real job boards wrap
// titles in: hiring verbs, company names, cities and districts, pay, perks,
// shifts and requirements.
var (
	noisePrefixes = []string{
		"急招", "【急聘】", "诚聘", "高薪招聘", "武汉恒达科技有限公司招聘", "【深圳】", "苏州工业园区-",
		"北京朝阳 ", "（郑州）", "直招！", "【五险一金】", "长沙岳麓区 ", "招", "东莞长安镇 ", "【名企直招】",
		"上海浦东新区·", "【成都高新区】", "广州番禺", "急！", "杭州余杭 ",
	}
	noiseSuffixes = []string{
		" 月薪6000-8000", "（包吃住）", " 五险一金+双休", "/8K-12K", " 2-3年经验", "（男女不限 18-45岁）",
		"（经验不限）", "-武汉", " 急", "+提成", "【日结】", " 底薪3500+提成 月入过万", "（可接受小白）",
		"(天河区)", " 6-8K·13薪", "（上班地点：江夏区）", " 包住 满勤奖", " 18-35周岁", " 多名", "（长期稳定）",
		" 大专及以上", "【不加班】", "（无责底薪）", " 入职即缴社保", "(南山区)", " 1年以上经验", "（周末双休）",
		"，工资日结", " 宁波", " 合肥",
	}
)

// noisy returns the n-th noisy variant of title: a prefix, a suffix, or
// both, chosen deterministically.
func noisy(title string, n int) string {
	p := noisePrefixes[n%len(noisePrefixes)]
	s := noiseSuffixes[(n*7+3)%len(noiseSuffixes)]
	switch n % 3 {
	case 0:
		return p + title
	case 1:
		return title + s
	default:
		return p + title + s
	}
}

// TestNoiseInvariance wraps the tuning titles the classifier gets right
// (titles.tsv dev, the tune halves of realistic.tsv and breadth.tsv) in job-board
// boilerplate and counts how often the first code stays the same. Set
// CLASSIFY_SHOW_NOISE=1 to list the changes.
func TestNoiseInvariance(t *testing.T) {
	_, c := testClassifier(t)
	var base []labelled
	for _, r := range loadTitles(t) {
		if r.split == "dev" {
			base = append(base, r)
		}
	}
	for _, f := range []string{"testdata/realistic.tsv", "testdata/breadth.tsv"} {
		for i, r := range loadTSV(t, f) {
			if realisticHalf(i) == "tune" {
				base = append(base, r)
			}
		}
	}
	show := os.Getenv("CLASSIFY_SHOW_NOISE") != ""
	n, kept := 0, 0
	for i, r := range base {
		if got := c.Classify(r.title, "", 1); len(got) == 0 || got[0].Code != r.code {
			continue
		}
		for j := range 3 {
			title := noisy(r.title, i*3+j)
			got := c.Classify(title, "", 1)
			n++
			if len(got) > 0 && got[0].Code == r.code {
				kept++
			} else if show {
				first := "-"
				if len(got) > 0 {
					first = got[0].Code + " " + got[0].Name
				}
				t.Logf("changed %-36s want %s got %s", title, r.code, first)
			}
		}
	}
	t.Logf("noise invariance: %d of %d noisy variants keep the first code (%.1f%%)", kept, n, pct(kept, n))
	if n < 2000 || pct(kept, n) < 99 {
		t.Errorf("noise invariance %d of %d, want >= 99%% of at least 2000", kept, n)
	}
}
