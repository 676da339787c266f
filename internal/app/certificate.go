package app

// 技能评价 and 职业技能等级证书: the employer users of a designated evaluation
// body schedule sittings within its scope, register candidates (the
// enrolled trainees of a filed class of the same occupation and level, or
// one person by ID number and name), record results by form or
// spreadsheet, and issue certificates to those who passed. Another
// body's sitting is answered as one that does not exist. Anyone may check
// a certificate by number and name; the holder and staff open the
// printable certificate; staff list and export them. Every change to a
// person's record is audited with it, in the store's transaction.

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/audit"
	"github.com/jiuye/jiuye/internal/chinatime"
	"github.com/jiuye/jiuye/internal/notify"
	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/sheet"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// Certificates is the use cases of 技能评价 and its certificates.
type Certificates struct {
	*core
	training *Training // occupation names and the providers
}

// SittingInput is a sitting as the form and the API send it: the
// occupation by code or name, Level 5 to 1, HeldOn YYYY-MM-DD.
type SittingInput struct {
	OccupationCode string `json:"occupation_code,omitempty"`
	Occupation     string `json:"occupation,omitempty"`
	Level          int    `json:"level"`
	HeldOn         string `json:"held_on"`
	Place          string `json:"place"`
	Capacity       int    `json:"capacity"`
}

// CandidateInput registers candidates: the enrolled trainees of a filed
// class of the sitting's occupation and level (ClassID), or one person by
// ID number and the name registered with it.
type CandidateInput struct {
	ClassID  int64  `json:"class_id,omitempty"`
	IDNumber string `json:"id_number,omitempty"`
	Name     string `json:"name,omitempty"`
}

// CandidatesAdded says what a registration did.
type CandidatesAdded struct {
	Added   int `json:"added"`
	Already int `json:"already"` // registered before; skipped
}

// MarkInput is one candidate's result: pass, fail or absent (or 合格,
// 不合格, 缺考) and the score out of 100 (none when absent).
type MarkInput struct {
	PersonID int64  `json:"person_id"`
	Result   string `json:"result"`
	Score    int    `json:"score"`
}

// ResultsInput is the results of a roster form or a request.
type ResultsInput struct {
	Items []MarkInput `json:"items"`
}

// IssueItemInput is one certificate to issue: the candidate, and a
// number from elsewhere ("" to generate the next one).
type IssueItemInput struct {
	PersonID int64  `json:"person_id"`
	Number   string `json:"number,omitempty"`
}

// IssueInput is the certificates to issue: IssuedOn YYYY-MM-DD (default
// today), the items (none: every candidate who passed and holds none,
// numbers generated).
type IssueInput struct {
	IssuedOn string           `json:"issued_on,omitempty"`
	Items    []IssueItemInput `json:"items,omitempty"`
}

// evaluator returns a provider for its own employer users; anyone else is
// answered as if it did not exist.
func (x *Certificates) evaluator(ctx context.Context, a Actor, providerID int64) (*training.Provider, error) {
	if !account.CanEvaluateSkills(a.User) {
		return nil, x.deny(ctx, a, "training_provider", providerID)
	}
	p, err := x.db.Training().ProviderByID(ctx, providerID)
	if err != nil {
		return nil, err
	}
	if !account.CanRunSitting(a.User, p.EnterpriseID) {
		return nil, x.conceal(ctx, a, "training_provider", providerID)
	}
	return p, nil
}

// ScheduleSitting schedules a sitting of a designated evaluation body
// within its scope (refused with the reason otherwise), audited.
func (x *Certificates) ScheduleSitting(ctx context.Context, a Actor, providerID int64, in SittingInput) (*training.Sitting, error) {
	p, err := x.evaluator(ctx, a, providerID)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	occ, oerr := ResolveOccupation(x.codes.Occupations, "occupation_code", in.OccupationCode, in.Occupation)
	mergeFields(&f, oerr)
	s := &training.Sitting{ProviderID: p.ID, ProviderName: p.Name, Occupation: occ, Level: training.Level(in.Level),
		HeldOn: ParseDate(&f, "held_on", in.HeldOn), Place: in.Place, Capacity: in.Capacity}
	for k, v := range asFieldMap(s.Validate(x.codes.Occupations, p, chinatime.Today(x.now()))) {
		if _, seen := f[k]; !seen && !(k == "occupation_code" && oerr != nil) {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := x.db.Training().Certificates().CreateSitting(ctx, a.store(), s); err != nil {
		return nil, err
	}
	return x.db.Training().Certificates().SittingByID(ctx, s.ID)
}

// EvaluatorSittings is an evaluation body of the employer's enterprise
// with its sittings.
type EvaluatorSittings struct {
	Provider *training.Provider
	Sittings []*training.Sitting
}

// MySittings lists the employer's evaluation bodies with their sittings,
// the latest first (none when the enterprise has no evaluation body).
func (x *Certificates) MySittings(ctx context.Context, a Actor) ([]EvaluatorSittings, error) {
	if !account.CanEvaluateSkills(a.User) {
		return nil, x.deny(ctx, a, "skill_sitting", 0)
	}
	if a.User.EnterpriseID == 0 {
		return nil, nil
	}
	ps, err := x.db.Training().Providers(ctx, store.ProviderFilter{EnterpriseID: a.User.EnterpriseID, Kind: training.KindEvaluator})
	if err != nil {
		return nil, err
	}
	ss, err := x.db.Training().Certificates().SittingsOfEnterprise(ctx, a.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	out := make([]EvaluatorSittings, 0, len(ps))
	for _, p := range ps {
		e := EvaluatorSittings{Provider: p}
		for _, s := range ss {
			if s.ProviderID == p.ID {
				e.Sittings = append(e.Sittings, s)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// EvaluatorProvider is one of the employer's evaluation bodies, for the
// scheduling form (another's: 404).
func (x *Certificates) EvaluatorProvider(ctx context.Context, a Actor, providerID int64) (*training.Provider, error) {
	return x.evaluator(ctx, a, providerID)
}

// ownSitting returns a sitting with its provider for the provider's own
// employer users; anyone else is answered as if it did not exist.
func (x *Certificates) ownSitting(ctx context.Context, a Actor, id int64) (*training.Sitting, *training.Provider, error) {
	if !account.CanEvaluateSkills(a.User) {
		return nil, nil, x.deny(ctx, a, "skill_sitting", id)
	}
	s, err := x.db.Training().Certificates().SittingByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := x.db.Training().ProviderByID(ctx, s.ProviderID)
	if err != nil {
		return nil, nil, err
	}
	if !account.CanRunSitting(a.User, p.EnterpriseID) {
		return nil, nil, x.conceal(ctx, a, "skill_sitting", id)
	}
	return s, p, nil
}

// SittingPage is a sitting with its candidates and what the evaluator
// may do next.
type SittingPage struct {
	Sitting    *training.Sitting
	Provider   *training.Provider
	Candidates []*training.Candidate
	// Classes are the filed classes of the sitting's occupation and level,
	// whose enrolled trainees may be registered together.
	Classes  []*training.Class
	Today    time.Time
	Held     bool // results may be recorded
	Open     bool // candidates may still be registered
	Pending  int  // candidates without a result
	Passed   int
	Issuable int // passed without a certificate
}

// Sitting returns a sitting's page to its evaluation body (another's: 404,
// audited); the candidates' names and masked ID numbers are a view of
// personal data, audited.
func (x *Certificates) Sitting(ctx context.Context, a Actor, id int64) (*SittingPage, error) {
	s, p, err := x.ownSitting(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return x.sittingPage(ctx, a, s, p)
}

func (x *Certificates) sittingPage(ctx context.Context, a Actor, s *training.Sitting, p *training.Provider) (*SittingPage, error) {
	ks, err := x.db.Training().Certificates().Candidates(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	today := chinatime.Today(x.now())
	v := &SittingPage{Sitting: s, Provider: p, Candidates: ks, Today: today, Held: s.Held(today), Open: !today.After(s.HeldOn)}
	for _, k := range ks {
		switch {
		case k.Result == training.ResultPending:
			v.Pending++
		case k.Result == training.ResultPass:
			v.Passed++
			if k.Issuable() {
				v.Issuable++
			}
		}
	}
	cs, _, err := x.db.Training().Classes(ctx, store.ClassFilter{Status: training.ClassApproved, Occupation: s.Occupation, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Level == s.Level {
			v.Classes = append(v.Classes, c)
		}
	}
	if len(ks) > 0 {
		if err := x.db.Audit(ctx, a.store(), "certificate.sitting.view", "skill_sitting", s.ID,
			fmt.Sprintf("查看技能评价考生名单（%d 人）", len(ks)), audit.ResultOK); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// AddCandidates registers candidates for a sitting up to its day: the
// enrolled trainees of a filed class of its occupation and level, or one
// person by ID number and registered name. Those already registered are
// skipped; more than the seats left registers nobody (409).
func (x *Certificates) AddCandidates(ctx context.Context, a Actor, id int64, in CandidateInput) (*CandidatesAdded, error) {
	s, _, err := x.ownSitting(ctx, a, id)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if chinatime.Today(now).After(s.HeldOn) {
		return nil, apperr.New(apperr.Conflict, "本场评价已于 "+s.HeldOn.Format(time.DateOnly)+" 举行，不能再登记考生")
	}
	var list []store.NewCandidate
	switch {
	case in.ClassID != 0:
		if list, err = x.classCandidates(ctx, s, in.ClassID); err != nil {
			return nil, err
		}
	case strings.TrimSpace(in.IDNumber) != "" || strings.TrimSpace(in.Name) != "":
		var f apperr.Fields
		info, perr := registry.ParseIDNumber(in.IDNumber, now)
		if perr != nil {
			f.Add("id_number", perr.Error())
		}
		name := strings.TrimSpace(in.Name)
		if name == "" {
			f.Add("name", "请填写考生姓名")
		}
		if err := f.Err(); err != nil {
			return nil, err
		}
		found, err := x.db.Registry().PersonsByIDNumbers(ctx, []string{info.Number})
		if err != nil {
			return nil, err
		}
		pr, ok := found[info.Number]
		switch {
		case !ok:
			return nil, apperr.Field("id_number", "该身份证号未在平台实名登记：请考生先注册，或到人社窗口登记")
		case strings.TrimSpace(pr.Name) != name:
			return nil, apperr.Field("name", "姓名与该身份证号登记的姓名不一致，请核对")
		}
		list = []store.NewCandidate{{PersonID: pr.ID}}
	default:
		return nil, apperr.Field("class_id", "请选择培训班，或填写考生的身份证号和姓名")
	}
	added, already, err := x.db.Training().Certificates().AddCandidates(ctx, a.store(), id, list)
	if err != nil {
		return nil, err
	}
	return &CandidatesAdded{Added: added, Already: already}, nil
}

// classCandidates are the enrolled trainees of a filed class of the
// sitting's occupation and level.
func (x *Certificates) classCandidates(ctx context.Context, s *training.Sitting, classID int64) ([]store.NewCandidate, error) {
	ts := x.db.Training()
	c, err := ts.ClassByID(ctx, classID)
	if apperr.CodeOf(err) == apperr.NotFound || (err == nil && c.Status != training.ClassApproved) {
		return nil, apperr.Field("class_id", "没有这个已备案的培训班")
	}
	if err != nil {
		return nil, err
	}
	if c.Occupation != s.Occupation || c.Level != s.Level {
		return nil, apperr.Field("class_id", "“"+c.Title+"”培训的是"+x.training.OccupationName(c.Occupation)+"（"+c.Level.Label()+
			"），与本场评价的职业和等级不同")
	}
	es, err := ts.Roster(ctx, classID)
	if err != nil {
		return nil, err
	}
	var out []store.NewCandidate
	for _, e := range es {
		if e.Status == training.Enrolled {
			out = append(out, store.NewCandidate{PersonID: e.PersonID, ClassID: classID})
		}
	}
	if len(out) == 0 {
		return nil, apperr.Field("class_id", "“"+c.Title+"”没有在册学员")
	}
	return out, nil
}

// RecordResults records results from the sitting's day on: a person who
// is not a candidate is a field error on items.N.person_id; a result or
// score that does not fit on items.N.result or items.N.score; nothing is
// recorded unless everything fits.
func (x *Certificates) RecordResults(ctx context.Context, a Actor, id int64, in ResultsInput) error {
	s, _, err := x.ownSitting(ctx, a, id)
	if err != nil {
		return err
	}
	var f apperr.Fields
	if len(in.Items) == 0 {
		f.Add("items", "请至少登记一名考生的结果")
	}
	marks := make([]training.Mark, 0, len(in.Items))
	for i, it := range in.Items {
		key := "items." + strconv.Itoa(i) + "."
		r, ok := training.ParseResult(it.Result)
		if !ok {
			f.Add(key+"result", "请选择结果：合格、不合格或缺考")
		}
		m := training.Mark{PersonID: it.PersonID, Result: r, Score: it.Score}
		if it.PersonID == 0 {
			f.Add(key+"person_id", "请选择考生")
		}
		if field, msg := training.CheckMark(m); ok && field != "" {
			f.Add(key+field, msg)
		}
		marks = append(marks, m)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if !s.Held(chinatime.Today(x.now())) {
		return apperr.New(apperr.Conflict, "本场评价在 "+s.HeldOn.Format(time.DateOnly)+" 举行，当天起才能登记成绩")
	}
	return x.db.Training().Certificates().RecordResults(ctx, a.store(), id, marks)
}

// ResultImportReport is the outcome of a results import.
type ResultImportReport struct {
	Total  int // data rows read (blank rows skipped)
	Saved  int
	Errors []RowError
}

// ImportResults records the results of an .xlsx or .csv file (columns
// 身份证号, 姓名, 结果, 成绩): each row checked (a valid ID number of one
// of the sitting's candidates, the name as registered, a result and score
// that agree); the good rows are recorded together and the others
// reported by row and column. A file that cannot be read, lacks the
// columns or has too many rows records nothing.
func (x *Certificates) ImportResults(ctx context.Context, a Actor, id int64, filename string, r io.Reader) (*ResultImportReport, error) {
	s, _, err := x.ownSitting(ctx, a, id)
	if err != nil {
		return nil, err
	}
	now := x.now()
	if !s.Held(chinatime.Today(now)) {
		return nil, apperr.New(apperr.Conflict, "本场评价在 "+s.HeldOn.Format(time.DateOnly)+" 举行，当天起才能登记成绩")
	}
	raw, err := io.ReadAll(io.LimitReader(r, training.MaxResultBytes+1))
	if err != nil {
		return nil, apperr.Field("file", "文件读取失败，请重新选择文件")
	}
	if len(raw) > training.MaxResultBytes {
		return nil, apperr.Field("file", fmt.Sprintf("文件过大：成绩表不能超过 %d MB", training.MaxResultBytes>>20))
	}
	table, err := readTableOf(filename, raw, training.MaxResultRows, "考生")
	if err != nil {
		return nil, apperr.Field("file", apperr.As(err).Message)
	}
	cols, err := resultHeader(table[0])
	if err != nil {
		return nil, err
	}
	ks, err := x.db.Training().Certificates().Candidates(ctx, id)
	if err != nil {
		return nil, err
	}
	byPerson := map[int64]*training.Candidate{}
	for _, k := range ks {
		byPerson[k.PersonID] = k
	}
	type good struct {
		row  int
		t    training.ResultRow
		mark training.Mark
	}
	rep := &ResultImportReport{}
	var goods []good
	seen := map[string]int{}
	for i, cells := range table[1:] {
		if blankRow(cells) {
			continue
		}
		n := i + 2
		rep.Total++
		cell := func(k int) string {
			if k < 0 || k >= len(cells) {
				return ""
			}
			return cells[k]
		}
		t := training.ResultRow{IDNumber: cell(cols[0]), Name: cell(cols[1]), Result: cell(cols[2]), Score: cell(cols[3])}
		m, issues := t.Check(now)
		if len(issues) > 0 {
			for _, is := range issues {
				rep.Errors = append(rep.Errors, RowError{Row: n, Column: is.Column, Reason: is.Reason})
			}
			continue
		}
		if first, dup := seen[t.IDNumber]; dup {
			rep.Errors = append(rep.Errors, RowError{Row: n, Column: "身份证号", Reason: "与第 " + strconv.Itoa(first) + " 行的身份证号重复"})
			continue
		}
		seen[t.IDNumber] = n
		goods = append(goods, good{n, t, m})
	}
	numbers := make([]string, len(goods))
	for i, g := range goods {
		numbers[i] = g.t.IDNumber
	}
	found, err := x.db.Registry().PersonsByIDNumbers(ctx, numbers)
	if err != nil {
		return nil, err
	}
	var marks []training.Mark
	for _, g := range goods {
		p, ok := found[g.t.IDNumber]
		k := byPerson[p.ID]
		switch {
		case !ok || k == nil:
			rep.Errors = append(rep.Errors, RowError{Row: g.row, Column: "身份证号", Reason: "该人员不是本场评价的考生，不能登记成绩"})
			continue
		case strings.TrimSpace(p.Name) != g.t.Name:
			rep.Errors = append(rep.Errors, RowError{Row: g.row, Column: "姓名", Reason: "姓名与该身份证号登记的姓名不一致，请核对"})
			continue
		case k.Certificate != "" && (k.Result != g.mark.Result || k.Score != g.mark.Score):
			rep.Errors = append(rep.Errors, RowError{Row: g.row, Column: "结果", Reason: "已获发证书 " + k.Certificate + "，不能再修改成绩"})
			continue
		}
		g.mark.PersonID = p.ID
		marks = append(marks, g.mark)
	}
	if len(marks) > 0 {
		if err := x.db.Training().Certificates().RecordResults(ctx, a.store(), id, marks); err != nil {
			return nil, err
		}
	}
	rep.Saved = len(marks)
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Row < rep.Errors[j].Row })
	return rep, nil
}

// resultHeader finds the columns 身份证号, 姓名, 结果 and 成绩 in a header row.
func resultHeader(head []string) ([4]int, error) {
	cols := [4]int{-1, -1, -1, -1}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		for k, name := range training.ResultColumns {
			if (h == name || (k == 0 && (h == "身份证号码" || h == "公民身份号码")) || (k == 2 && h == "评价结果") || (k == 3 && h == "分数")) && cols[k] < 0 {
				cols[k] = i
			}
		}
	}
	if slices.Contains(cols[:], -1) {
		return cols, apperr.Field("file", "第一行应为表头：身份证号、姓名、结果、成绩（请下载模板填写），未登记任何成绩")
	}
	return cols, nil
}

// WriteResultTemplate writes the results import template: the header and
// two example rows.
func (x *Certificates) WriteResultTemplate(w io.Writer) error {
	return sheet.Write(w, "评价成绩导入模板", training.ResultColumns, [][]any{{"420112199001011234", "张三", "合格", 86}, {"420112199202021234", "李四", "缺考", ""}})
}

// IssueCertificates issues certificates to candidates of the sitting who
// passed, dated IssuedOn (from the sitting's day to today; default
// today), with typed numbers checked (a number already issued is a field
// error on items.N.number) or the provider's next ones; each holder is
// told in the inbox. Either every certificate asked for is issued or none.
func (x *Certificates) IssueCertificates(ctx context.Context, a Actor, id int64, in IssueInput) ([]*training.Certificate, error) {
	s, p, err := x.ownSitting(ctx, a, id)
	if err != nil {
		return nil, err
	}
	var f apperr.Fields
	today := chinatime.Today(x.now())
	issued := today
	if strings.TrimSpace(in.IssuedOn) != "" {
		issued = ParseDate(&f, "issued_on", in.IssuedOn)
	}
	if len(f) == 0 && (issued.Before(s.HeldOn) || issued.After(today)) {
		f.Add("issued_on", "发证日期应在评价日期 "+s.HeldOn.Format(time.DateOnly)+" 到今天之间")
	}
	items := make([]store.IssueItem, 0, len(in.Items))
	for i, it := range in.Items {
		n := training.NormalizeNumber(it.Number)
		if n != "" {
			if msg := training.CheckNumber(n); msg != "" {
				f.Add("items."+strconv.Itoa(i)+".number", msg)
			}
		}
		items = append(items, store.IssueItem{PersonID: it.PersonID, Number: n})
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		ks, err := x.db.Training().Certificates().Candidates(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			if k.Issuable() {
				items = append(items, store.IssueItem{PersonID: k.PersonID})
			}
		}
		if len(items) == 0 {
			return nil, apperr.New(apperr.Conflict, "本场评价没有待发证的合格考生")
		}
	}
	occ := x.training.OccupationName(s.Occupation)
	return x.db.Training().Certificates().Issue(ctx, a.store(), store.IssueRequest{Sitting: s, District: districtOf(p.RegionCode), IssuedOn: issued,
		Items: items, Tell: func(c *training.Certificate) *notify.Message {
			return &notify.Message{SubjectType: notify.ToPerson, SubjectID: c.PersonID, Kind: "skill_certificate",
				Title: "您获得了职业技能等级证书：" + occ + "（" + c.Level.Label() + "）",
				Body: fmt.Sprintf("%s 为您颁发了职业技能等级证书，证书编号 %s，发证日期 %s。可在“我的证书”查看、打印，用人单位可凭编号和姓名在平台核验。",
					c.ProviderName, c.Number, c.IssuedOn.Format(time.DateOnly)),
				Link: "/certificates/" + strconv.FormatInt(c.ID, 10), DedupeKey: "skillcert:" + c.Number}
		}})
}

// districtOf is the district part (six digits) of a region code, which
// the generated certificate numbers carry; 000000 when there is none.
func districtOf(region string) string {
	if len(region) >= 6 {
		return region[:6]
	}
	return "000000"
}

// CertificateCheck is what the public verification answers.
type CertificateCheck struct {
	Check          *training.Verification
	OccupationName string
}

// VerifyCertificate answers whether a valid certificate with this number
// was issued to this name, with its occupation, level, issuer and date
// only. An unknown number and a name that does not match are the same
// NotFound; a missing number or name is a field error.
func (x *Certificates) VerifyCertificate(ctx context.Context, number, name string) (*CertificateCheck, error) {
	number, name = training.NormalizeNumber(number), strings.TrimSpace(name)
	var f apperr.Fields
	if number == "" {
		f.Add("number", "请填写证书编号")
	} else if len(number) > training.MaxNumber {
		f.Add("number", "证书编号不超过 "+strconv.Itoa(training.MaxNumber)+" 位")
	}
	if name == "" {
		f.Add("name", "请填写持证人姓名")
	} else if len([]rune(name)) > 30 {
		f.Add("name", "姓名不超过 30 个字")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	c, err := x.db.Training().Certificates().Verify(ctx, number, name)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, apperr.New(apperr.NotFound, "未查到与该证书编号和姓名相符的有效证书，请核对后重试")
	}
	if err != nil {
		return nil, err
	}
	return &CertificateCheck{Check: c, OccupationName: x.training.OccupationName(c.Occupation)}, nil
}

// Certificate returns a certificate with the holder's full ID number to
// the holder, and to staff (audited as a view of personal data); anyone
// else is answered as if it did not exist.
func (x *Certificates) Certificate(ctx context.Context, a Actor, id int64) (*training.Certificate, error) {
	c, err := x.db.Training().Certificates().CertificateByID(ctx, id)
	if err != nil {
		if a.User == nil {
			return nil, x.deny(ctx, a, "skill_certificate", id)
		}
		return nil, err
	}
	if !account.CanViewCertificate(a.User, c.PersonID) {
		return nil, x.conceal(ctx, a, "skill_certificate", id)
	}
	if !account.IsSelf(a.User, c.PersonID) {
		if err := x.db.Audit(ctx, a.store(), "certificate.view", "person", c.PersonID, "查看职业技能等级证书 "+c.Number, audit.ResultOK); err != nil {
			return nil, err // no audit, no disclosure
		}
	}
	return c, nil
}

// MyCertificates lists the person's certificates (revoked ones too), the
// latest first.
func (x *Certificates) MyCertificates(ctx context.Context, a Actor) ([]*training.Certificate, error) {
	if !account.CanHoldCertificates(a.User) {
		return nil, x.deny(ctx, a, "skill_certificate", 0)
	}
	cs, _, err := x.db.Training().Certificates().Certificates(ctx, store.CertificateFilter{PersonID: a.User.PersonID, Limit: 200})
	return cs, err
}

// CertificateQuery is staff's search of certificates: Occupation by code
// or name, Level 5 to 1, Provider (the issuer's id), From and To
// YYYY-MM-DD (date of issue); Page from 1, CertificatePageSize a page.
type CertificateQuery struct {
	Occupation string
	Level      string
	Provider   string
	From, To   string
	Page       int
}

// CertificatePageSize is how many certificates a page lists.
const CertificatePageSize = 50

// CertificateResults is a page of certificates.
type CertificateResults struct {
	Certificates []*training.Certificate
	Total, Page  int
}

// Pages is the number of pages.
func (r *CertificateResults) Pages() int {
	return max(1, (r.Total+CertificatePageSize-1)/CertificatePageSize)
}

// certificateFilter reads a query into the store's filter.
func (x *Certificates) certificateFilter(q CertificateQuery) (store.CertificateFilter, error) {
	var f apperr.Fields
	var cf store.CertificateFilter
	if occ := strings.TrimSpace(q.Occupation); occ != "" {
		code, err := ResolveOccupation(x.codes.Occupations, "occupation", "", occ)
		mergeFields(&f, err)
		cf.Occupation = code
	}
	if l := strings.TrimSpace(q.Level); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || !training.Level(n).Valid() {
			f.Add("level", "等级应为 5（五级/初级工）到 1（一级/高级技师）")
		}
		cf.Level = training.Level(n)
	}
	if p := strings.TrimSpace(q.Provider); p != "" {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n <= 0 {
			f.Add("provider", "请选择发证机构")
		}
		cf.ProviderID = n
	}
	cf.From, cf.To = ParseDate(&f, "from", q.From), ParseDate(&f, "to", q.To)
	if !cf.From.IsZero() && !cf.To.IsZero() && cf.To.Before(cf.From) {
		f.Add("to", "结束日期不能早于开始日期")
	}
	return cf, f.Err()
}

// ListCertificates is staff's page of certificates matching q.
func (x *Certificates) ListCertificates(ctx context.Context, a Actor, q CertificateQuery) (*CertificateResults, error) {
	if !account.CanListCertificates(a.User) {
		return nil, x.deny(ctx, a, "skill_certificate", 0)
	}
	cf, err := x.certificateFilter(q)
	if err != nil {
		return nil, err
	}
	page := max(q.Page, 1)
	cf.Limit, cf.Offset = CertificatePageSize, (page-1)*CertificatePageSize
	cs, total, err := x.db.Training().Certificates().Certificates(ctx, cf)
	if err != nil {
		return nil, err
	}
	return &CertificateResults{Certificates: cs, Total: total, Page: page}, nil
}

// ExportCertificates is every certificate matching q for staff's
// spreadsheet (ID numbers masked), audited.
func (x *Certificates) ExportCertificates(ctx context.Context, a Actor, q CertificateQuery) ([]*training.Certificate, error) {
	if !account.CanListCertificates(a.User) {
		return nil, x.deny(ctx, a, "skill_certificate", 0)
	}
	cf, err := x.certificateFilter(q)
	if err != nil {
		return nil, err
	}
	cf.Limit = 200_000
	cs, _, err := x.db.Training().Certificates().Certificates(ctx, cf)
	if err != nil {
		return nil, err
	}
	if err := x.db.Audit(ctx, a.store(), "certificate.export", "skill_certificate", 0, fmt.Sprintf("导出职业技能等级证书 %d 本", len(cs)), audit.ResultOK); err != nil {
		return nil, err
	}
	return cs, nil
}

// Evaluators lists the evaluation bodies (every status), for staff's filter.
func (x *Certificates) Evaluators(ctx context.Context) ([]*training.Provider, error) {
	return x.db.Training().Providers(ctx, store.ProviderFilter{Kind: training.KindEvaluator})
}

// OccupationName is an occupation's name without the catalogue's marks.
func (x *Certificates) OccupationName(code string) string { return x.training.OccupationName(code) }
