package app

// The page's column-mapping step: an uploaded file is read and shown back
// with each of its columns and the post field its header suggests, and the
// first rows as they would be read, with the problem of each cell, before
// anything is saved. The employer changes the fields and previews again,
// or imports. The file's cells travel with the form (gzip, base64), so the
// step needs no script and no storage on the server, and works on any
// instance; they are read again with the same limits as an upload.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/jobs"
)

// ImportPreviewRows is how many rows the mapping step shows.
const ImportPreviewRows = 5

// ImportDraft is an uploaded file waiting for its column mapping.
type ImportDraft struct {
	Filename string
	Columns  []ImportDraftColumn
	Total    int // data rows
	Preview  []ImportPreviewRow
	Table    string // the file's cells, for the form to carry
	// Template: every header is a column of the import template, so the
	// page imports at once, as before the mapping step.
	Template bool
	Problem  string // what the mapping lacks; empty when it can be imported
}

// ImportDraftColumn is a column of the file: its header, the first values
// and the field it fills ("" when not imported).
type ImportDraftColumn struct {
	Index   int
	Header  string
	Sample  string
	Field   string
	Guessed bool // the field was guessed from a known header name
}

// ImportPreviewRow is a data row as it would be read.
type ImportPreviewRow struct {
	Row     int // spreadsheet row number
	Cells   []ImportPreviewCell
	Refused bool
}

// ImportPreviewCell is a post field as read from the row.
type ImportPreviewCell struct {
	Label    string
	Value    string
	Problems []string // why the row would be refused
	Notes    []string // how the cell was read
}

// previewFields are the columns of the preview: post fields and the import
// fields whose issues they show.
var previewFields = []struct {
	label  string
	fields []string
}{
	{"岗位名称", []string{"title", "occupation_code"}},
	{"薪资", []string{"salary", "salary_min", "salary_max"}},
	{"人数", []string{"headcount"}},
	{"学历 · 经验", []string{"education", "experience"}},
	{"工作地点", []string{"place", "address"}},
	{"岗位描述", []string{"description", "skills", "benefits"}},
	{"有效期至", []string{"expires_on"}},
}

// DraftPostImport reads an employer's upload for the mapping step: a file
// that cannot be read at all is refused as by StartPostImport, with nothing
// recorded.
func (x *JobImports) DraftPostImport(ctx context.Context, a Actor, filename string, r io.Reader) (*ImportDraft, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	f, err := x.readImportTable(ctx, a, false, a.User.EnterpriseID, filename, r)
	if err != nil {
		return nil, err
	}
	mapping, unknown := GuessImportMapping(f.header)
	f.mapping = mapping
	d, err := x.draft(f)
	if err != nil {
		return nil, err
	}
	d.Template = len(unknown) == 0 && d.Problem == "" && templateHeader(f.header)
	for i := range d.Columns {
		d.Columns[i].Guessed = d.Columns[i].Field != ""
	}
	return d, nil
}

// RedraftPostImport shows the mapping step again with the employer's
// choice of fields (mapping: one field per column, "" for not imported).
func (x *JobImports) RedraftPostImport(ctx context.Context, a Actor, filename, table string, mapping []string) (*ImportDraft, error) {
	f, err := x.mappedFile(ctx, a, filename, table, mapping)
	if err != nil {
		return nil, err
	}
	return x.draft(f)
}

// StartMappedImport imports a file of the mapping step with the
// employer's fields, in the background like StartPostImport. A mapping
// that lacks a required field is refused with nothing recorded.
func (x *JobImports) StartMappedImport(ctx context.Context, a Actor, filename, table string, mapping []string) (*jobs.Import, error) {
	f, err := x.mappedFile(ctx, a, filename, table, mapping)
	if err != nil {
		return nil, err
	}
	if err := CheckImportMapping(f.header, f.mapping); err != nil {
		return nil, err
	}
	return x.startRun(ctx, a, ImportSourceWeb, f)
}

// StartDraft imports a drafted file with the fields guessed from its
// header (a template file, which needs no mapping step).
func (x *JobImports) StartDraft(ctx context.Context, a Actor, source string, d *ImportDraft) (*jobs.Import, error) {
	mapping := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		mapping[i] = c.Field
	}
	f, err := x.mappedFile(ctx, a, d.Filename, d.Table, mapping)
	if err != nil {
		return nil, err
	}
	if err := CheckImportMapping(f.header, f.mapping); err != nil {
		return nil, err
	}
	return x.startRun(ctx, a, source, f)
}

func (x *JobImports) mappedFile(ctx context.Context, a Actor, filename, table string, mapping []string) (*importFile, error) {
	if a.User == nil {
		return nil, apperr.New(apperr.Unauthorized, "请先登录")
	}
	e, err := x.importEnterprise(ctx, a, false, a.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	t, err := decodeImportTable(table)
	if err != nil {
		return nil, err
	}
	rows := make([]dataRow, len(t.R))
	for i := range t.R {
		rows[i] = dataRow{n: t.N[i], cells: t.R[i]}
	}
	f, err := newImportFile(e, filename, t.H, rows, MaxImportRows)
	if err != nil {
		return nil, err
	}
	f.mapping = make([]string, len(f.header))
	for i := range f.mapping {
		if i < len(mapping) && jobs.ImportFieldLabel(mapping[i]) != "" {
			f.mapping[i] = mapping[i]
		}
	}
	return f, nil
}

// draft builds the mapping step's view of a file.
func (x *JobImports) draft(f *importFile) (*ImportDraft, error) {
	table, err := encodeImportTable(f)
	if err != nil {
		return nil, err
	}
	d := &ImportDraft{Filename: f.filename, Total: len(f.rows), Table: table}
	for i, h := range f.header {
		var sample []string
		for _, dr := range f.rows {
			if i < len(dr.cells) && strings.TrimSpace(dr.cells[i]) != "" {
				sample = append(sample, cut(strings.TrimSpace(dr.cells[i]), 20))
			}
			if len(sample) == 2 {
				break
			}
		}
		name := strings.TrimSpace(h)
		if name == "" {
			name = "第 " + strconv.Itoa(i+1) + " 列（无表头）"
		}
		d.Columns = append(d.Columns, ImportDraftColumn{Index: i, Header: name, Sample: strings.Join(sample, "；"), Field: f.mapping[i]})
	}
	if err := CheckImportMapping(f.header, f.mapping); err != nil {
		d.Problem = apperr.As(err).Message
	}
	for _, dr := range f.rows[:min(len(f.rows), ImportPreviewRows)] {
		d.Preview = append(d.Preview, x.previewRow(f, dr))
	}
	return d, nil
}

func (x *JobImports) previewRow(f *importFile, dr dataRow) ImportPreviewRow {
	in, p, issues := x.checkRow(f, dr.cells)
	row := ImportPreviewRow{Row: dr.n, Refused: p == nil}
	for _, pf := range previewFields {
		c := ImportPreviewCell{Label: pf.label}
		switch pf.label {
		case "岗位名称":
			c.Value = in.Title
			if o, ok := x.codes.Occupations.Get(in.OccupationCode); ok {
				c.Value += "（" + o.Name + "）"
			}
		case "薪资":
			if in.SalaryMin > 0 {
				c.Value = jobs.SalaryText(in.SalaryMin, in.SalaryMax)
			}
		case "人数":
			if in.Headcount > 0 {
				c.Value = strconv.Itoa(in.Headcount) + " 人"
			}
		case "学历 · 经验":
			c.Value = in.Education + " · " + jobs.ExperienceLabel(in.ExperienceYears)
		case "工作地点":
			c.Value = x.codes.Regions.FullName(in.RegionCode)
			if in.Address != "" {
				c.Value += " " + cut(in.Address, 30)
			}
		case "岗位描述":
			c.Value = cut(in.Description, 40)
			if len(in.Benefits) > 0 {
				c.Value += "（福利：" + strings.Join(in.Benefits, "、") + "）"
			}
		case "有效期至":
			c.Value = in.ExpiresOn
			if c.Value == "" {
				c.Value = "默认 " + strconv.Itoa(jobs.DefaultDays) + " 天"
			}
		}
		for _, is := range issues {
			if !containsField(pf.fields, is.field) {
				continue
			}
			if is.refused {
				c.Problems = append(c.Problems, is.text)
			} else {
				c.Notes = append(c.Notes, is.text)
			}
		}
		row.Cells = append(row.Cells, c)
	}
	for _, is := range issues {
		if is.field == "" && is.refused && len(row.Cells) > 0 {
			row.Cells[0].Problems = append(row.Cells[0].Problems, is.text)
		}
	}
	return row
}

func containsField(fs []string, f string) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// templateHeader reports whether every header is a column of the import
// template.
func templateHeader(head []string) bool {
	names := map[string]bool{}
	for _, c := range importColumns {
		names[jobs.NormHeader(c.Name)] = true
	}
	for _, h := range head {
		if n := jobs.NormHeader(h); n != "" && !names[n] {
			return false
		}
	}
	return true
}

// Limits of the cells the form carries: an upload's rows, and far less
// text than the 5 MB an upload may have.
const (
	maxDraftBytes = 8 << 20  // as the form carries them
	maxDraftCells = 48 << 20 // unpacked
)

// draftTable is what the form carries: the header, the data rows and
// their spreadsheet row numbers.
type draftTable struct {
	H []string
	N []int
	R [][]string
}

func encodeImportTable(f *importFile) (string, error) {
	t := draftTable{H: f.header, N: make([]int, len(f.rows)), R: make([][]string, len(f.rows))}
	for i, dr := range f.rows {
		t.N[i], t.R[i] = dr.n, dr.cells
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err := json.NewEncoder(zw).Encode(t); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b.Bytes()), nil
}

// decodeImportTable reads the cells a mapping form carried back.
func decodeImportTable(s string) (*draftTable, error) {
	bad := apperr.New(apperr.Invalid, "导入数据已损坏，请重新上传文件")
	if s == "" || len(s) > maxDraftBytes {
		return nil, bad
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, bad
	}
	body, err := io.ReadAll(io.LimitReader(zr, maxDraftCells+1))
	if err != nil || len(body) > maxDraftCells || !utf8.Valid(body) {
		return nil, bad
	}
	var t draftTable
	if err := json.Unmarshal(body, &t); err != nil || len(t.H) == 0 || len(t.N) != len(t.R) || len(t.R) > MaxImportRows {
		return nil, bad
	}
	return &t, nil
}
