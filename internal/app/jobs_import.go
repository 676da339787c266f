package app

// 网谷智聘 Excel in and out: an employer (or the command line, for an
// enterprise named by its credit code) imports many posts from an .xlsx or
// .csv file. Every row is checked with the same rules as the post form;
// the good rows are saved together, in one transaction at the end, waiting
// for review like form posts; the others are listed with their row, column
// and reason in an error report that downloads as .xlsx. A file that cannot
// be read as a table with the expected header saves nothing. Every other
// import is recorded as a run with its progress and report (see
// jobimportruns.go for the runs the page and the API start).

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/bidi"
	"github.com/jiuye/jiuye/internal/jobs"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
)

// JobImports is the use cases of bulk post imports: reading and checking
// rows (this file) and the runs in the background (jobs_import_runs.go).
type JobImports struct {
	*core
	jobs    *Jobs        // rows become posts; the index is kicked
	imports importRunner // imports checking rows in the background
}

// Import limits: larger files are refused before anything is parsed. The
// web page takes what a clerk uploads; the command line (run by the
// operator on the server) takes a whole district's posts at once.
const (
	MaxImportBytes    = 5 << 20
	MaxImportRows     = 5000
	MaxCLIImportBytes = 128 << 20
	MaxCLIImportRows  = 200000
)

// importUnzipLimit bounds what an .xlsx may unpack to: a sheet of
// MaxCLIImportRows rows is far below it, a zip bomb far above.
const importUnzipLimit = 64 << 20

// ImportTooLarge is what an import upload over the request limit is told:
// the limits of the file, as the import page states them.
func ImportTooLarge() string {
	return fmt.Sprintf("导入文件过大：一个文件不能超过 %d MB、%d 行，请分成几个文件分批导入", MaxImportBytes>>20, MaxImportRows)
}

// importLimits returns the byte and row limits for an import.
func importLimits(system bool) (int, int) {
	if system {
		return MaxCLIImportBytes, MaxCLIImportRows
	}
	return MaxImportBytes, MaxImportRows
}

// Import columns, in template order, and the post field each one fills.
var importColumns = []struct{ Name, Field string }{
	{"岗位名称", "title"},
	{"职业代码", "occupation_code"},
	{"岗位描述", "description"},
	{"招聘人数", "headcount"},
	{"最低月薪", "salary_min"},
	{"最高月薪", "salary_max"},
	{"学历要求", "education"},
	{"经验要求(年)", "experience_years"},
	{"技能", "skills"},
	{"福利", "benefits"},
	{"工作地点代码", "region_code"},
	{"详细地址", "address"},
	{"有效期至", "expires_on"},
}

// ImportColumnNames is the header row of the import template.
func ImportColumnNames() []string {
	out := make([]string, len(importColumns))
	for i, c := range importColumns {
		out[i] = c.Name
	}
	return out
}

// RowError is one refused cell: Row is the spreadsheet row number (the
// header is row 1).
type RowError = jobs.ImportRowError

// PostImportReport is the outcome of an import.
type PostImportReport struct {
	RunID  int64 // the recorded run (job_imports)
	Total  int   // data rows read (blank rows skipped)
	Saved  int
	Failed int // rows refused
	Errors []RowError
	IDs    []int64 // saved posts

	posts []*jobs.Post // the good rows, between checking and saving
}

// importFile is an import file that passed the checks that refuse a whole
// file: its enterprise, its data rows and which post field each column
// fills.
type importFile struct {
	entID    int64
	entName  string
	home     string // the enterprise's region: a district without a city is looked for there
	filename string // base name, as shown to the employer
	header   []string
	mapping  []string // target field of each column (jobs.ImportFields), "" when not imported
	rows     []dataRow
}

type dataRow struct {
	n     int // spreadsheet row number
	cells []string
}

// ImportPosts reads a file of posts for enterprise entID, records the run
// and saves the valid rows before returning; the command line uses it.
// system is the command line (no user; the operator has the database).
// progress, if not nil, is called as rows are checked.
func (x *JobImports) ImportPosts(ctx context.Context, a Actor, system bool, entID int64, filename string, r io.Reader,
	progress func(done, total int)) (*PostImportReport, error) {
	f, err := x.readImport(ctx, a, system, entID, filename, r)
	if err != nil {
		return nil, err
	}
	source := ImportSourceWeb
	if system {
		source = ImportSourceCLI
	}
	run, err := x.createImportRun(ctx, a, source, f)
	if err != nil {
		return nil, err
	}
	return x.runImport(ctx, a.store(), run, f, progress)
}

// readImport checks who imports for which enterprise and reads the file
// into rows, each column mapped to the field its header names (the
// template's names and the usual names of boards and HR systems; an
// unknown header refuses the file). Every refusal of the whole file
// happens here, before a run is recorded, so a malformed file leaves
// nothing behind.
func (x *JobImports) readImport(ctx context.Context, a Actor, system bool, entID int64, filename string, r io.Reader) (*importFile, error) {
	f, err := x.readImportTable(ctx, a, system, entID, filename, r)
	if err != nil {
		return nil, err
	}
	if f.mapping, err = importHeader(f.header); err != nil {
		return nil, err
	}
	return f, nil
}

// readImportTable is readImport without the mapping: the checks of who
// imports, the limits, and the table.
func (x *JobImports) readImportTable(ctx context.Context, a Actor, system bool, entID int64, filename string, r io.Reader) (*importFile, error) {
	e, err := x.importEnterprise(ctx, a, system, entID)
	if err != nil {
		return nil, err
	}
	maxBytes, maxRows := importLimits(system)
	raw, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "文件读取失败，请重新选择文件")
	}
	if len(raw) > maxBytes {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("文件过大：导入文件不能超过 %d MB，请分批导入", maxBytes>>20))
	}
	table, err := readTable(filename, raw, maxRows)
	if err != nil {
		return nil, err
	}
	var rows []dataRow
	for i, cells := range table[1:] {
		if !blankRow(cells) {
			rows = append(rows, dataRow{n: i + 2, cells: cells})
		}
	}
	return newImportFile(e, filename, table[0], rows, maxRows)
}

// importEnterprise checks that the caller may import for entID and that the
// enterprise is verified.
func (x *JobImports) importEnterprise(ctx context.Context, a Actor, system bool, entID int64) (*registry.Enterprise, error) {
	if !system {
		if a.User == nil {
			return nil, apperr.New(apperr.Unauthorized, "请先登录")
		}
		if !account.CanPostJobs(a.User, entID) {
			return nil, x.deny(ctx, a, "job_post", 0)
		}
	}
	e, err := x.db.Registry().EnterpriseByID(ctx, entID)
	if err != nil {
		return nil, err
	}
	if !e.Verified {
		return nil, apperr.New(apperr.Forbidden, "企业“"+e.Name+"”尚未通过经办人员核验，核验通过后才能发布和导入岗位。")
	}
	return e, nil
}

func newImportFile(e *registry.Enterprise, filename string, header []string, rows []dataRow, maxRows int) (*importFile, error) {
	f := &importFile{entID: e.ID, entName: e.Name, home: e.RegionCode,
		filename: cut(filepath.Base(strings.ReplaceAll(bidi.Strip(filename), "\\", "/")), 100), header: header, rows: rows}
	if len(f.rows) == 0 {
		return nil, apperr.New(apperr.Invalid, "文件中没有岗位数据：表头下面至少要有一行")
	}
	if len(f.rows) > maxRows {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("一次最多导入 %d 行，本文件有 %d 行，请分批导入", maxRows, len(f.rows)))
	}
	return f, nil
}

// runImport checks every row of a recorded run, saving its progress as it
// goes, then saves the good rows and ends the run in one transaction. When
// it cannot finish (stopped, or the save failed) the run ends as failed
// with nothing saved.
func (x *JobImports) runImport(ctx context.Context, sa store.Actor, run *jobs.Import, f *importFile,
	progress func(done, total int)) (*PostImportReport, error) {
	rep, err := x.checkImport(ctx, run, f, progress)
	if err == nil {
		err = x.saveImport(ctx, sa, run, f, rep)
	}
	if err != nil {
		x.failImportRun(run.ID, err)
		return nil, err
	}
	return rep, nil
}

// checkImport validates the rows, recording the progress in the run every
// importProgressRows rows or importHeartbeat, whichever comes first.
func (x *JobImports) checkImport(ctx context.Context, run *jobs.Import, f *importFile, progress func(done, total int)) (*PostImportReport, error) {
	rep := &PostImportReport{RunID: run.ID, Total: len(f.rows)}
	var good []*jobs.Post
	lastRows, lastTime := 0, time.Now()
	for i, dr := range f.rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, errs := x.importRow(f, dr)
		if p == nil {
			rep.Failed++
		}
		rep.Errors = append(rep.Errors, errs...)
		if p != nil {
			p.EnterpriseID = f.entID
			good = append(good, p)
		}
		done := i + 1
		if progress != nil && (done == len(f.rows) || done%20 == 0) {
			progress(done, len(f.rows))
		}
		if done < len(f.rows) && (done-lastRows >= importProgressRows || time.Since(lastTime) >= importHeartbeat) {
			ok, err := x.db.Jobs().JobImportProgress(ctx, run.ID, done)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, apperr.New(apperr.Conflict, msgImportEnded)
			}
			lastRows, lastTime = done, time.Now()
		}
	}
	rep.Saved = len(good)
	rep.IDs = make([]int64, 0, len(good))
	rep.posts = good
	return rep, nil
}

// saveImport saves the good rows pending review and ends the run as done,
// in one transaction with the audit entry.
func (x *JobImports) saveImport(ctx context.Context, sa store.Actor, run *jobs.Import, f *importFile, rep *PostImportReport) error {
	for _, p := range rep.posts {
		p.Status, p.CreatedBy = jobs.Pending, sa.UserID
	}
	run.Saved, run.Failed = rep.Saved, rep.Failed
	summary := fmt.Sprintf("%s：导入 %d 个岗位，%d 行有误（%s）", f.entName, rep.Saved, rep.Failed, f.filename)
	err := x.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.FinishJobImport(ctx, run, rep.Errors); err != nil {
			return err
		}
		if len(rep.posts) == 0 {
			return nil
		}
		if err := tx.InsertPosts(ctx, rep.posts); err != nil {
			return err
		}
		return tx.Audit(ctx, sa, "job.import", "enterprise", f.entID, summary, "ok")
	})
	if err != nil {
		return err
	}
	if len(rep.posts) > 0 {
		x.jobs.state.kickFollower()
	}
	for _, p := range rep.posts {
		rep.IDs = append(rep.IDs, p.ID)
	}
	rep.posts = nil
	return nil
}

// importRow turns one row into a validated post, with notes on the cells
// read in an unusual way, or nil and the row's errors.
func (x *JobImports) importRow(f *importFile, dr dataRow) (*jobs.Post, []RowError) {
	_, p, issues := x.checkRow(f, dr.cells)
	var errs, notes []RowError
	for _, is := range issues {
		e := RowError{Row: dr.n, Column: f.columnOf(is.field), Reason: is.text, Note: !is.refused}
		if is.field == "" {
			e.Column = ""
		}
		if is.refused {
			errs = append(errs, e)
		} else {
			notes = append(notes, e)
		}
	}
	if p == nil {
		sort.SliceStable(errs, func(i, j int) bool { return f.columnIndex(errs[i].Column) < f.columnIndex(errs[j].Column) })
		return nil, errs
	}
	return p, notes
}

// checkRow reads a row and validates it as a post: the form as read, the
// post (nil when refused) and the issues by import field (a refusal of the
// post form is one more refused issue of the field it concerns).
func (x *JobImports) checkRow(f *importFile, cells []string) (PostInput, *jobs.Post, []importIssue) {
	in, issues := x.interpretRow(f, cells)
	bad := map[string]bool{}
	for _, is := range issues {
		if is.refused {
			bad[is.field] = true
		}
	}
	p, err := x.jobs.toPost(in)
	if err != nil {
		e := apperr.As(err)
		if len(e.Fields) == 0 {
			issues = append(issues, importIssue{text: e.Message, refused: true})
		}
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			field := importFieldOfPost(k, f.mapping)
			if bad[field] {
				continue // already said what is wrong with the cell
			}
			issues = append(issues, importIssue{field: field, text: e.Fields[k], refused: true})
		}
		return in, nil, issues
	}
	if len(bad) > 0 {
		return in, nil, issues
	}
	return in, p, issues
}

// importIssue is a refused cell or a note on how a cell was read.
type importIssue struct {
	field, text string
	refused     bool
}

// interpretRow reads a row's cells into a post form, by the rules of
// jobs/import_parse.go; the occupation, when not given, is classified from
// the title.
func (x *JobImports) interpretRow(f *importFile, cells []string) (PostInput, []importIssue) {
	vals := map[string][]string{}
	heads := map[string][]string{}
	for i, field := range f.mapping {
		if field == "" || i >= len(cells) {
			continue
		}
		if v := strings.TrimSpace(cells[i]); v != "" {
			vals[field] = append(vals[field], v)
			heads[field] = append(heads[field], strings.TrimSpace(f.header[i]))
		}
	}
	one := func(field string) string { return strings.Join(vals[field], " ") }
	var issues []importIssue
	note := func(field, text string) {
		if text != "" {
			issues = append(issues, importIssue{field: field, text: text})
		}
	}
	refuse := func(field, text string) {
		if text != "" {
			issues = append(issues, importIssue{field: field, text: text, refused: true})
		}
	}
	in := PostInput{OccupationCode: one("occupation_code")}
	title, n := jobs.CutTitle(one("title"))
	in.Title = title
	note("title", n)
	exp, n := jobs.ImportExpiry(one("expires_on"))
	in.ExpiresOn = importDate(exp)
	note("expires_on", n)

	hc, n, fix := jobs.ParseHeadcount(one("headcount"))
	in.Headcount = hc
	note("headcount", n)
	refuse("headcount", fix)

	if f.has("salary") || !f.has("salary_min") && !f.has("salary_max") {
		lo, hi, n, fix := jobs.ParseSalary(one("salary"))
		in.SalaryMin, in.SalaryMax = lo, hi
		note("salary", n)
		refuse("salary", fix)
	} else {
		lo, n1, fix1 := jobs.ParseMonthly(one("salary_min"))
		hi, n2, fix2 := lo, "", ""
		if one("salary_max") != "" || fix1 != "" {
			hi, n2, fix2 = jobs.ParseMonthly(one("salary_max"))
		}
		in.SalaryMin, in.SalaryMax = lo, hi
		note("salary_min", n1)
		note("salary_max", n2)
		refuse("salary_min", fix1)
		if fix1 == "" || one("salary_max") != "" {
			refuse("salary_max", fix2)
		}
	}

	edu, fix := jobs.ParseEducation(one("education"))
	in.Education = edu
	refuse("education", fix)
	years, fix := jobs.ParseExperience(one("experience"))
	in.ExperienceYears = years
	refuse("experience", fix)

	in.Skills = jobs.SplitSkills(strings.Join(vals["skills"], "，"))
	if len(in.Skills) > jobs.MaxSkills {
		note("skills", fmt.Sprintf("技能标签最多 %d 个，只导入了前 %d 个", jobs.MaxSkills, jobs.MaxSkills))
		in.Skills = in.Skills[:jobs.MaxSkills]
	}
	benefits, other := jobs.ParseBenefits(strings.Join(vals["benefits"], "，"))
	in.Benefits = benefits

	in.Address = strings.Join(vals["address"], " ")
	place := one("place")
	pr, fix := jobs.ResolvePlace(x.codes.Regions, f.home, place, in.Address)
	in.RegionCode = pr.Code
	placeField := "place"
	if !f.has("place") {
		placeField = "address"
	}
	note(placeField, pr.Note)
	refuse(placeField, fix)
	if in.Address == "" && place != "" && !isDigits(place) {
		in.Address = place
	}

	// The description: the columns mapped to it, each under its header
	// when there are several (岗位职责, 任职要求).
	var desc []string
	for i, v := range vals["description"] {
		if len(vals["description"]) > 1 {
			v = heads["description"][i] + "：" + v
		}
		desc = append(desc, v)
	}
	if len(other) > 0 {
		note("benefits", "福利“"+strings.Join(other, "、")+"”不在福利选项中，已写入岗位描述")
	}
	d, n, fix := jobs.CompleteDescription(strings.Join(desc, "\n"), in.Title, in.Education, in.ExperienceYears, in.Headcount, in.Skills)
	if d != "" && len(other) > 0 {
		d += "\n其他福利：" + strings.Join(other, "、")
	}
	in.Description = d
	note("description", n)
	refuse("description", fix)

	if in.OccupationCode == "" && strings.TrimSpace(in.Title) != "" {
		if c := x.jobs.classify(in.Title, in.Description, 1); len(c) > 0 {
			in.OccupationCode = c[0].Code
		}
	}
	return in, issues
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// has reports whether a column fills field.
func (f *importFile) has(field string) bool { return slices.Contains(f.mapping, field) }

// columnOf is the file's header of the first column that fills field, or
// the field's label when no column does.
func (f *importFile) columnOf(field string) string {
	if i := slices.Index(f.mapping, field); i >= 0 {
		if h := strings.TrimSpace(f.header[i]); h != "" {
			return h
		}
	}
	if l := jobs.ImportFieldLabel(field); l != "" {
		return l
	}
	return field
}

// columnIndex orders a report's columns as the file does.
func (f *importFile) columnIndex(col string) int {
	for i, h := range f.header {
		if strings.TrimSpace(h) == col {
			return i
		}
	}
	return len(f.header)
}

// importFieldOfPost is the import field a post field's error belongs to.
func importFieldOfPost(k string, mapping []string) string {
	switch k {
	case "experience_years":
		return "experience"
	case "region_code":
		if !slices.Contains(mapping, "place") {
			return "address"
		}
		return "place"
	case "salary_min", "salary_max":
		if slices.Contains(mapping, "salary") || !slices.Contains(mapping, k) {
			return "salary"
		}
	}
	return k
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// importDate accepts YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD and an Excel
// date serial number; anything else is passed on for the form's message.
func importDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 20000 && f < 100000 {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	for _, layout := range []string{time.DateOnly, "2006/1/2", "2006-1-2", "2006.1.2", "20060102", "2006年1月2日"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return s
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// importHeader maps each header cell to its field by its name (the
// template's and the usual names of boards and HR systems) and refuses
// unknown, repeated or missing columns: the mapping of the API and the
// command line, and the guess the page's mapping step starts from.
func importHeader(head []string) ([]string, error) {
	mapping, unknown := GuessImportMapping(head)
	if len(unknown) > 0 {
		names := make([]string, len(unknown))
		for i, c := range unknown {
			names[i] = "“" + cut(strings.TrimSpace(head[c]), 20) + "”"
		}
		return nil, apperr.New(apperr.Invalid, "表头中有无法识别的列："+strings.Join(names, "、")+"。请使用导入模板的列名："+strings.Join(ImportColumnNames(), "、")+
			"，或在网页上导入，逐列选择对应的字段")
	}
	if err := CheckImportMapping(head, mapping); err != nil {
		return nil, err
	}
	return mapping, nil
}

// GuessImportMapping guesses the field of each column from its header;
// unknown lists the columns whose header matches no known name (their
// field is "").
func GuessImportMapping(head []string) (mapping []string, unknown []int) {
	mapping = make([]string, len(head))
	for i, h := range head {
		field, known := jobs.GuessImportField(h)
		if !known && strings.TrimSpace(h) != "" {
			unknown = append(unknown, i)
		}
		if field != "" && !multiField(field) && slices.Contains(mapping, field) {
			field = "" // the first column of a field wins; the page shows the choice
		}
		mapping[i] = field
	}
	return mapping, unknown
}

// multiField is a field several columns may fill (joined).
func multiField(field string) bool {
	return field == "description" || field == "skills" || field == "benefits" || field == "address"
}

// CheckImportMapping refuses a mapping that fills a field twice or leaves
// out what every post needs.
func CheckImportMapping(head, mapping []string) error {
	seen := map[string]int{}
	for i, field := range mapping {
		if field == "" {
			continue
		}
		if jobs.ImportFieldLabel(field) == "" {
			return apperr.New(apperr.Invalid, "未知的字段“"+cut(field, 20)+"”")
		}
		if j, ok := seen[field]; ok && !multiField(field) {
			return apperr.New(apperr.Invalid, "“"+cut(strings.TrimSpace(head[j]), 20)+"”和“"+cut(strings.TrimSpace(head[i]), 20)+"”两列都选了“"+
				jobs.ImportFieldLabel(field)+"”，请只保留一列")
		}
		seen[field] = i
	}
	var missing []string
	need := func(ok bool, what string) {
		if !ok {
			missing = append(missing, "“"+what+"”")
		}
	}
	has := func(f string) bool { _, ok := seen[f]; return ok }
	need(has("title"), "岗位名称")
	need(has("description"), "岗位描述")
	need(has("salary") || has("salary_min"), "薪资范围（或最低月薪）")
	need(has("place") || has("address"), "工作地点或详细地址")
	if len(missing) == 4 {
		return apperr.New(apperr.Invalid, "文件第一行不是表头：请在第一行填写列名（"+strings.Join(ImportColumnNames(), "、")+"），或下载导入模板填写")
	}
	if len(missing) > 0 {
		return apperr.New(apperr.Invalid, "表头缺少必填列："+strings.Join(missing, "、")+"。请使用导入模板，或在网页上为这些字段选择对应的列")
	}
	return nil
}

// readTable reads the first sheet of an .xlsx file or a .csv file (UTF-8
// with or without BOM, or GBK) into rows of cells; the first row is the
// header.
func readTable(filename string, raw []byte, maxRows int) ([][]string, error) {
	return readTableOf(filename, raw, maxRows, "岗位")
}

// readTableOf is readTable for a file of what ("岗位", "学员"), which its
// refusals name.
func readTableOf(filename string, raw []byte, maxRows int, what string) ([][]string, error) {
	ext := strings.ToLower(filepath.Ext(filename))
	isZip := bytes.HasPrefix(raw, []byte("PK\x03\x04"))
	var rows [][]string
	switch {
	case ext == ".xlsx" || (ext != ".csv" && isZip):
		if n, ok := unzippedSize(raw); ok && n > importUnzipLimit {
			return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Excel 文件解压后超过 %d MB，远大于任何"+what+"表，可能是恶意构造的“压缩炸弹”，未导入任何"+what+"。请检查文件来源，或在 Excel/WPS 中另存为 .csv 后导入", importUnzipLimit>>20))
		}
		f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: importUnzipLimit, UnzipXMLSizeLimit: 32 << 20})
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式（旧版 .xls 请在 Excel/WPS 中另存为 .xlsx 或 .csv），未导入任何"+what)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, apperr.New(apperr.Invalid, "Excel 文件中没有工作表，未导入任何"+what)
		}
		rows, err = f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "无法读取 Excel 工作表“"+sheets[0]+"”：文件可能已损坏，未导入任何"+what)
		}
	case ext == ".csv":
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(raw) {
			dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
			if err != nil {
				return nil, apperr.New(apperr.Invalid, "CSV 文件编码无法识别：请另存为 UTF-8 编码，未导入任何"+what)
			}
			raw = dec
		}
		rd := csv.NewReader(bytes.NewReader(raw))
		rd.FieldsPerRecord = -1
		rd.LazyQuotes = true
		var err error
		rows, err = rd.ReadAll()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, apperr.New(apperr.Invalid, fmt.Sprintf("CSV 文件第 %d 行格式错误，未导入任何"+what, pe.Line))
			}
			return nil, apperr.New(apperr.Invalid, "CSV 文件格式错误，未导入任何"+what)
		}
	default:
		return nil, apperr.New(apperr.Invalid, "只能导入 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx），未导入任何"+what)
	}
	for len(rows) > 0 && blankRow(rows[0]) {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return nil, apperr.New(apperr.Invalid, "文件是空的：第一行应为表头，请下载导入模板填写")
	}
	if len(rows) > maxRows+1000 { // far beyond the limit even with blank rows
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("一次最多导入 %d 行，请分批导入", maxRows))
	}
	return rows, nil
}

// unzippedSize is the total size the zip archive raw declares its files
// unpack to; ok is false when raw is not a readable zip (excelize then
// says it cannot read the file).
func unzippedSize(raw []byte) (n uint64, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return 0, false
	}
	for _, f := range zr.File {
		n += min(f.UncompressedSize64, math.MaxUint64-n)
	}
	return n, true
}

// WriteImportErrors writes the error report of an import as .xlsx.
func WriteImportErrors(w io.Writer, rep *PostImportReport) error {
	return WriteRowErrors(w, rep.Errors)
}

// WriteRowErrors writes an error report as .xlsx: row, column, reason.
func WriteRowErrors(w io.Writer, errs []RowError) error {
	rows := make([][]any, len(errs))
	for i, e := range errs {
		what := "未导入"
		if e.Note {
			what = "已导入，请核对"
		}
		rows[i] = []any{e.Row, e.Column, e.Reason, what}
	}
	return sheet.Write(w, "导入错误报告", []string{"行号", "列", "原因", "处理"}, rows)
}

// WriteImportTemplate writes the import template: the header and one
// example row.
func (x *JobImports) WriteImportTemplate(w io.Writer) error {
	exp := jobs.Today(x.now()).AddDate(0, 0, jobs.DefaultDays).Format(time.DateOnly)
	example := []any{"电焊工", "6-18-02-04", "负责钢结构件焊接，能看懂图纸，持焊工证优先，长白班。", 5, 6000, 9000, "不限", 1,
		"二保焊，氩弧焊", "五险一金，包吃住", "420112001", "东西湖区吴家山街道临空港大道 88 号", exp}
	return sheet.Write(w, "岗位导入模板", ImportColumnNames(), [][]any{example})
}

// MaxExport is the most rows an export writes.
const MaxExport = 10000

// ExportMyPosts lists every post of the employer's enterprise with status
// (all when empty), newest first, for an .xlsx export.
func (x *JobImports) ExportMyPosts(ctx context.Context, a Actor, status string) ([]PostRow, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	if !account.IsEmployer(a.User) {
		return nil, x.deny(ctx, a, "job_post", 0)
	}
	if status != "" && !jobs.Status(status).Valid() {
		return nil, apperr.Field("status", "状态不存在")
	}
	posts, _, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{EnterpriseID: a.User.EnterpriseID, Status: status, Limit: MaxExport})
	if err != nil {
		return nil, err
	}
	return x.jobs.postRows(ctx, posts)
}

// ExportReviewQueue lists every post waiting for review, oldest first.
func (x *JobImports) ExportReviewQueue(ctx context.Context, a Actor) ([]*jobs.Post, error) {
	if !account.CanReviewPosts(a.User) {
		return nil, x.deny(ctx, a, "job_post", 0)
	}
	posts, _, err := x.db.Jobs().ListPosts(ctx, jobs.PostFilter{Status: string(jobs.Pending), Oldest: true, Limit: MaxExport})
	return posts, err
}
