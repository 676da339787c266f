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
// organisation with a contact. Its events are the activities that name it
// (Activity.StationID), so a new name keeps them; the people it brings to
// a fair are tagged with it at sign-up (Signup.StationID), and so are the
// resumes they send at the fair's booths.
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
	return a.Organiser.IsStation() && a.StationID == s.ID
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

// StationStats are a station's results: its events and their sign-ups;
// the workers it brought to fairs (sign-ups tagged with it, at anyone's
// fair), the resumes tagged with it and the hires among those on the job
// board; and the hires the employers recorded at its events' booths.
type StationStats struct {
	Events        int
	Signups       int // at its events
	Brought       int // sign-ups tagged with the station, at any fair
	Resumes       int
	Hired         int // persons whose resume tagged with the station was moved to hired
	BoothHires    int // recorded by the employers at its events
	BoothIntended int
}

// StationResult is what one station brought to one fair: the sign-ups
// tagged with it (not cancelled or lapsed), the resumes tagged with it
// sent at the fair's booths, and the persons among them the employers
// moved to hired. On a fair's page it is one row per station;
// on a station's page one row per fair (ActivityID, Title and Start set).
type StationResult struct {
	StationID   int64
	StationName string
	ActivityID  int64
	Title       string
	Start       time.Time
	Brought     int
	Resumes     int
	Hired       int
}
