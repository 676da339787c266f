package resume

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/codes"
)

var cst = time.FixedZone("CST", 8*3600)

// now is the evaluation time of every test: 2025-06-15 10:00 in Wuhan.
var now = time.Date(2025, 6, 15, 10, 0, 0, 0, cst)

var (
	tablesOnce sync.Once
	tables     *codes.Tables
	tablesErr  error
)

func loadTables(t *testing.T) *codes.Tables {
	t.Helper()
	tablesOnce.Do(func() { tables, tablesErr = codes.Load() })
	if tablesErr != nil {
		t.Fatal(tablesErr)
	}
	return tables
}

// perfect returns a complete, consistent resume (already normalised) that
// the rubric has nothing to say about, and the matching registry profile.
func perfect() (*Resume, Profile) {
	r := &Resume{
		PersonID: 7,
		Intentions: []Intention{{
			OccupationCodes: []string{"4-02-06-01"}, RegionCodes: []string{"420112"},
			SalaryMin: 6000, SalaryMax: 8000, FullTime: true,
		}},
		Education: []EducationEntry{{School: "武汉职业技术学院", Major: "物流管理", Level: "大专", From: "2012-09", To: "2015-06", FullTime: true}},
		Work: []WorkEntry{
			{Employer: "武汉顺达物流有限公司", Title: "仓储主管", OccupationCode: "4-02-06-01", From: "2019-03",
				Description: "负责东西湖保税物流园 2 万平方米仓库的收发存管理，带领 12 人班组，使用 WMS 系统和 RF 枪作业，库存准确率保持在 99.8% 以上，年度盘点零差错。"},
			{Employer: "武汉XX物流", Title: "仓管员", OccupationCode: "4-02-06-01", From: "2015-07", To: "2019-02",
				Description: "负责冷链食品仓库的入库验收、上架、拣货和出库复核，每天处理约 300 单，熟练驾驶电动叉车，参与仓库 5S 改善，连续两年获评优秀员工。"},
		},
		Skills: []string{"叉车驾驶", "仓库盘点", "WMS系统", "Excel", "5S管理", "安全生产"},
		Certificates: []Certificate{{Name: "仓储管理员", Kind: KindSkillLevel, Level: "四级/中级工", Number: "S000042010001234567",
			IssuedOn: "2018-05-20", Issuer: "武汉市职业技能鉴定指导中心"}},
		SelfDescription: "十年仓储物流经验，熟悉冷链和电商仓库运作，能带团队、会用 WMS 系统，希望在东西湖区找一份仓储主管或仓库经理的工作。",
		Discoverable:    true,
		UpdatedAt:       now.AddDate(0, 0, -10),
	}
	p := Profile{HasPhone: true, Birth: time.Date(1994, 3, 10, 0, 0, 0, 0, cst), Education: "大专",
		GraduationDate: time.Date(2015, 6, 30, 0, 0, 0, 0, cst)}
	return r, p
}

// market knows 仓储管理员 in 东西湖区 from 40 posts.
func market(n int) MarketLookup {
	return func(occ, region string) (Market, bool) {
		if occ == "4-02-06-01" && region == "420112" {
			return Market{P25: 5000, P50: 5800, P75: 6500, N: n, Occupation: "仓储管理员", Region: "东西湖区"}, true
		}
		return Market{}, false
	}
}

func codesOf(d Diagnosis) []string {
	var out []string
	for _, f := range d.Findings {
		out = append(out, f.Code)
	}
	return out
}

func find(d Diagnosis, code string) (Finding, bool) {
	for _, f := range d.Findings {
		if f.Code == code {
			return f, true
		}
	}
	return Finding{}, false
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }
