package app

// 网谷智聘 search export: any filtered search as .xlsx, for bureau staff
// printing lists for a job fair and for people who prefer a spreadsheet.

import (
	"bytes"
	"context"
	"strconv"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/search"
	"github.com/jiuye/jiuye/internal/sheet"
)

// MaxJobExport is how many rows a search export holds, in the search's
// order; a larger result is cut there (the sheet says so in its title).
const MaxJobExport = 2000

// ExportJobSearch runs a search for a logged-in user and returns it as an
// .xlsx file, with the total the search found. Anonymous visitors are
// asked to log in: an export walks many pages and is not for crawlers.
func (x *Jobs) ExportJobSearch(ctx context.Context, a Actor, in JobQuery) ([]byte, int, error) {
	if a.User == nil {
		return nil, 0, apperr.New(apperr.Unauthorized, "登录后可导出搜索结果")
	}
	q, err := x.ParseJobQuery(in)
	if err != nil {
		return nil, 0, err
	}
	ix, err := x.jobIndex(ctx)
	if err != nil {
		return nil, 0, err
	}
	q.PageSize = search.MaxPageSize
	var hits []JobHit
	total := 0
	for page := 1; len(hits) < MaxJobExport; page++ {
		q.Page = page
		res, err := x.search(ctx, ix, q)
		if err != nil {
			return nil, 0, err
		}
		total = res.Total
		hits = append(hits, res.Hits...)
		if page*q.PageSize >= res.Total {
			break
		}
	}
	hits = hits[:min(len(hits), MaxJobExport)]
	var b bytes.Buffer
	if err := sheet.Write(&b, x.exportTitle(len(hits), total), jobExportHeader, x.jobExportRows(hits)); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), total, nil
}

var jobExportHeader = []string{"岗位编号", "岗位名称", "招聘单位", "月薪（元）", "职业", "学历要求", "经验要求", "工作地点", "发布日期", "有效期至"}

func (x *Jobs) exportTitle(n, total int) string {
	if n < total {
		return "岗位搜索结果（前 " + strconv.Itoa(n) + " 条，共 " + strconv.Itoa(total) + " 条）"
	}
	return "岗位搜索结果（共 " + strconv.Itoa(total) + " 条）"
}

func (x *Jobs) jobExportRows(hits []JobHit) [][]any {
	rows := make([][]any, 0, len(hits))
	for _, h := range hits {
		occ, place := h.OccupationCode, h.RegionCode
		if c, ok := x.codes.Occupations.Get(h.OccupationCode); ok {
			occ = c.Name
		}
		if p := x.codes.Regions.FullName(h.RegionCode); p != "" {
			place = p
		}
		edu := h.Education
		if edu == "" {
			edu = "不限"
		}
		rows = append(rows, []any{h.ID, h.Title, h.EnterpriseName, jobs.SalaryText(h.SalaryMin, h.SalaryMax), occ, edu,
			jobs.ExperienceLabel(h.ExperienceYears), place, h.PublishedAt.In(chinatime.Zone).Format("2006-01-02"), h.ExpiresOn.Format("2006-01-02")})
	}
	return rows
}
