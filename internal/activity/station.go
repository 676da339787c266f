package activity

import (
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/apperr"
	"github.com/jiuye/jiuye/internal/registry"
)

// StationKind is what kind of station an organisation is.
type StationKind string

// The station kinds.
const (
	StationLabour     StationKind = "station"    // 劳务工作站: brings workers from its county
	StationUniversity StationKind = "university" // 高校联络站: brings graduates from its university
)

// Label is the kind's Chinese name.
func (k StationKind) Label() string { return k.Organiser().Label() }

// Organiser is the organiser kind of the station's own events.
func (k StationKind) Organiser() Organiser {
	if k == StationUniversity {
		return ByUniversity
	}
	return ByStation
}

// Valid reports whether k is a station kind.
func (k StationKind) Valid() bool { return k == StationLabour || k == StationUniversity }

// Station is a labour station or a university liaison station: an
// organisation with a contact. Its events are the activities organised by
// it (OrgName equal to its Name); resumes sent at them are tagged with it.
type Station struct {
	ID           int64
	Name         string // 咸丰县劳务工作站
	Kind         StationKind
	Region       string // where it is, as text: 湖北省恩施州咸丰县
	ContactName  string
	ContactPhone string // the station's line, shown to the public; sealed at rest
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Organises reports whether the activity is one of the station's events.
func (s *Station) Organises(a *Activity) bool {
	return (a.Organiser == ByStation || a.Organiser == ByUniversity) && a.OrgName == s.Name
}

// Normalize trims the text fields.
func (s *Station) Normalize() {
	for _, p := range []*string{&s.Name, &s.Region, &s.ContactName, &s.ContactPhone} {
		*p = strings.TrimSpace(*p)
	}
}

// Validate checks a station (fields name, kind, region, contact_name,
// contact_phone).
func (s *Station) Validate() error {
	var f apperr.Fields
	registry.CheckRequiredText(&f, "name", s.Name, MaxName, "请填写工作站名称，如：咸丰县劳务工作站")
	if !s.Kind.Valid() {
		f.Add("kind", "请选择类型：劳务工作站或高校联络站")
	}
	registry.CheckRequiredText(&f, "region", s.Region, MaxPlace, "请填写所在地，如：湖北省恩施州咸丰县")
	registry.CheckRequiredText(&f, "contact_name", s.ContactName, MaxName, "请填写联系人")
	switch {
	case s.ContactPhone == "":
		f.Add("contact_phone", "请填写联系电话")
	case !registry.ValidContactPhone(s.ContactPhone):
		f.Add("contact_phone", "联系电话应为手机号或带区号的固定电话，如 027-83251234")
	}
	return f.Err()
}

// StationStats are a station's results, counted from its events: the
// sign-ups (workers it brought), the resumes they sent at booths, the
// hires among those on the job board, and the hires the employers
// recorded at its events' booths.
type StationStats struct {
	Events        int
	Signups       int
	Resumes       int
	Hired         int // resumes tagged with the station moved to hired
	BoothHires    int // recorded by the employers at its events
	BoothIntended int
}
