package jobs

import (
	"strings"
	"testing"
)

func TestScreen(t *testing.T) {
	s := NewScreener()
	for _, c := range []struct {
		title, desc string
		want        string // kinds, comma-separated
	}{
		{"仓管员", "负责出入库，男女不限，五险一金。", ""},
		{"普工（限男性）", "长白班。", "sex"},
		{"前台文员", "女士优先，形象好。", "sex"},
		{"销售代表", "18-35周岁，已婚已育优先。", "age,marriage"},
		{"电焊工", "年龄要求45岁以下，需体检，乙肝携带者勿扰。", "age,health"},
		{"保安", "入职交押金500元，限本地户口。", "hukou,fee"},
		{"服务员", "不收取任何费用，公司承担体检费。", ""},
		{"会计", "汉族优先。", "ethnicity"},
		{"司机", "B2驾照，3年以上驾龄，35岁左右。", ""},
		{"培训讲师", "负责新员工岗前培训课程。", ""},
	} {
		var kinds []string
		for _, f := range s.Screen(&Post{Title: c.title, Description: c.desc}) {
			kinds = append(kinds, f.Kind)
			if f.Phrase == "" || f.Message == "" || !strings.Contains(c.title+"\n"+c.desc, f.Phrase) {
				t.Errorf("%s: bad flag %+v", c.title, f)
			}
		}
		if got := strings.Join(kinds, ","); got != c.want {
			t.Errorf("%s / %s: flags %q, want %q", c.title, c.desc, got, c.want)
		}
	}
}
