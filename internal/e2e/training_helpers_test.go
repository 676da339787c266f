package e2e

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/app"
	"github.com/jiuye/jiuye/internal/registry"
)

// trainingCast makes, through the app, the accounts a training journey
// starts from — what registration and the bureau did before the journey
// begins: staff users, persons, and employer users whose training or
// evaluation body the staff designated for 电工 四级. Every account has
// the password staffPassword and is made in 东西湖区.
type trainingCast struct {
	t     *testing.T
	a     *app.App
	rng   *rand.Rand
	staff *account.User // the 培训科 staff member who designates the providers
	// StaffPhone logs the staff member in.
	StaffPhone string
}

// newTrainingCast makes the cast with its staff member 培训科刘.
func newTrainingCast(t *testing.T, a *app.App, rng *rand.Rand) *trainingCast {
	t.Helper()
	c := &trainingCast{t: t, a: a, rng: rng}
	c.staff, c.StaffPhone = c.user("staff", "培训科刘")
	return c
}

// user makes a bureau user of role (staff, reviewer …) and returns it
// with its phone.
func (c *trainingCast) user(role, name string) (*account.User, string) {
	c.t.Helper()
	phone := registry.GeneratePhone(c.rng)
	u, err := c.a.Accounts.CreateUser(context.Background(), app.Actor{}, app.NewUserInput{Role: role, Name: name, Phone: phone,
		Password: staffPassword}, true)
	if err != nil {
		c.t.Fatal(err)
	}
	return u, phone
}

// provider registers firm with an employer user, applies for centre of
// kind (enterprise, institution or evaluator) with the scope 电工 四级 and
// has the staff designate it. It returns the employer user, its phone
// and the provider's id.
func (c *trainingCast) provider(kind, firm, centre string) (*account.User, string, int64) {
	c.t.Helper()
	ctx := context.Background()
	industry := "38" // 电气机械和器材制造业
	if kind == "evaluator" {
		industry = "72" // 商务服务业
	}
	phone := registry.GeneratePhone(c.rng)
	u, err := c.a.Accounts.Register(ctx, app.Actor{}, app.RegisterInput{Kind: "employer", Name: "张经理", Phone: phone, Password: staffPassword,
		Enterprise: &app.EnterpriseInput{Name: firm, USCC: registry.GenerateUSCC(c.rng, "420112"), IndustryCode: industry, RegionCode: "420112"}})
	if err != nil {
		c.t.Fatal(err)
	}
	p, err := c.a.Training.ApplyProvider(ctx, app.Actor{User: u}, app.ProviderInput{Name: centre, Kind: kind, RegionCode: "420112001",
		Address: "临空港大道 66 号", ContactName: "王老师", ContactPhone: "027-83250000", Scope: []app.ScopeInput{{Occupation: "电工", Level: 4}}})
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.a.Training.DesignateProvider(ctx, app.Actor{User: c.staff}, p.ID, app.StatusInput{}); err != nil {
		c.t.Fatal(err)
	}
	return u, phone, p.ID
}

// person registers a person born in 东西湖区 on birth and returns the
// user, the phone and the ID number.
func (c *trainingCast) person(name string, birth time.Time, male bool) (*account.User, string, string) {
	c.t.Helper()
	phone, id := registry.GeneratePhone(c.rng), registry.GenerateIDNumber(c.rng, "420112", birth, male)
	u, err := c.a.Accounts.Register(context.Background(), app.Actor{}, app.RegisterInput{Kind: "person", Name: name, Phone: phone,
		Password: staffPassword, IDNumber: id})
	if err != nil {
		c.t.Fatal(err)
	}
	return u, phone, id
}

// pickStreet chooses a street in the place picker app.js makes of the
// <select id=id>: two lists, the district by name, then the street.
func (b *browser) pickStreet(id, district, street string) {
	b.t.Helper()
	if got := eval[string](b, `(() => { const sel = document.querySelector("#`+id+`"), d = sel.previousElementSibling;
		d.value = Array.from(d.options).find(o => o.textContent === `+jsString(district)+`).value; d.dispatchEvent(new Event("change"));
		sel.value = `+jsString(street)+`; return sel.value; })()`); got != street {
		b.t.Fatalf("picked street %q, want %q", got, street)
	}
}

// fillSession fills row i (from 0) of the class form's sessions.
func (b *browser) fillSession(i int, date, start, end, place string) {
	b.t.Helper()
	n := itoa(int64(i))
	b.do("session "+n, chromedp.SetValue(chromedp.CSS("#f-s_date_"+n), date), chromedp.SetValue(chromedp.CSS("#f-s_start_"+n), start),
		chromedp.SetValue(chromedp.CSS("#f-s_end_"+n), end))
	b.typeInto("f-s_place_"+n, place)
}

// checkinCode is the six digits the open 签到码 page shows the trainees.
func (b *browser) checkinCode() string {
	b.t.Helper()
	label := eval[string](b, `document.querySelector("p.code").getAttribute("aria-label")`)
	code := strings.TrimPrefix(label, "签到码 ")
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		b.t.Fatalf("the code page shows %q", label)
	}
	if shown := strings.ReplaceAll(b.text("p.code"), " ", ""); shown != code {
		b.t.Fatalf("the code page shows %q in big digits and %q to screen readers", shown, code)
	}
	return code
}
