package web

import (
	"strings"
	"testing"

	"github.com/jiuye/jiuye/internal/policy"
)

// TestBannerFollowsCounts is issue 12 item 4: the red packet's words name
// only what is below it, and its total adds one-off sums only (item 1).
func TestBannerFollowsCounts(t *testing.T) {
	once := policy.Eligible{Benefit: policy.BenefitValue{AmountYuan: 1768, Period: policy.PayOnce}}
	monthly := policy.Eligible{Benefit: policy.BenefitValue{AmountYuan: 2210, Period: policy.PayMonthly, Months: 36}}
	for _, tc := range []struct {
		name      string
		res       policy.Result
		near, far int
		want      []string
		not       []string
	}{
		{"nothing near", policy.Result{}, 0, 5, []string{"暂未找到", "“不符合”的 5 项政策"}, []string{"差一点"}},
		{"some near", policy.Result{}, 2, 5, []string{"“差一点”的 2 项政策"}, []string{"不符合"}},
		{"nothing at all", policy.Result{}, 0, 0, []string{"暂未找到"}, []string{"差一点", "不符合"}},
		{"one-off", policy.Result{Eligible: []policy.Eligible{once}, TotalYuan: 1768}, 0, 3,
			[]string{"您可申请 1 项补贴，一次性补贴合计约 ¥1,768", "合计只加一次性发放的金额"}, []string{"差一点", "按月"}},
		{"monthly only", policy.Result{Eligible: []policy.Eligible{monthly}, Recurring: 1}, 1, 3,
			[]string{"您可申请 1 项补贴", "另有 1 项按月或按年发放", "只差一个条件"}, []string{"合计约", "79,560"}},
	} {
		b := bannerOf(&tc.res, tc.near, tc.far)
		all := b.Headline + "|" + strings.Join(b.Lines, "|")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: banner %q lacks %q", tc.name, all, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(all, w) {
				t.Errorf("%s: banner %q says %q", tc.name, all, w)
			}
		}
	}
}
