package training

import (
	_ "embed"
	"fmt"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed data/standards.yaml
var standardsYAML []byte

// Standard is one subsidy standard: per trainee, for classes of a type and
// level that start within its validity.
type Standard struct {
	Type   ClassType `yaml:"type"`
	Level  Level     `yaml:"level"`
	Yuan   int       `yaml:"yuan"`
	From   time.Time `yaml:"-"`
	To     time.Time `yaml:"-"` // zero: no end date
	Source string    `yaml:"source"`
	// Policy is the catalog policy whose target groups a trainee must
	// belong to for the subsidy; "" when the catalog has none.
	Policy string `yaml:"policy"`
}

// Standards are the subsidy standards of data/standards.yaml, with the
// attendance a trainee needs for the subsidy.
type Standards struct {
	Source string
	List   []Standard
	// AttendanceThreshold is the share of a class's sessions (0.8 for 80%)
	// a trainee must attend for the class's subsidy; AttendanceSource says
	// where the figure comes from.
	AttendanceThreshold float64
	AttendanceSource    string
}

type standardRow struct {
	Standard `yaml:",inline"`
	FromText string `yaml:"from"`
	ToText   string `yaml:"to"`
}

// ParseStandards reads a standards file: the attendance threshold a share
// above 0 and at most 1 with its source; every row a known type and level,
// a positive amount, dates YYYY-MM-DD with from ≤ to, and no two rows of
// one type and level valid on the same day.
func ParseStandards(data []byte) (*Standards, error) {
	var doc struct {
		Source              string        `yaml:"source"`
		AttendanceThreshold float64       `yaml:"attendance_threshold"`
		AttendanceSource    string        `yaml:"attendance_source"`
		Standards           []standardRow `yaml:"standards"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("training standards: %w", err)
	}
	if doc.AttendanceThreshold <= 0 || doc.AttendanceThreshold > 1 || doc.AttendanceSource == "" {
		return nil, fmt.Errorf("training standards: attendance_threshold must be a share in (0, 1] with its attendance_source")
	}
	out := &Standards{Source: doc.Source, AttendanceThreshold: doc.AttendanceThreshold, AttendanceSource: doc.AttendanceSource}
	for i, r := range doc.Standards {
		s := r.Standard
		var err error
		if s.From, err = time.Parse(time.DateOnly, r.FromText); err != nil {
			return nil, fmt.Errorf("training standards row %d: from: %w", i+1, err)
		}
		if r.ToText != "" {
			if s.To, err = time.Parse(time.DateOnly, r.ToText); err != nil {
				return nil, fmt.Errorf("training standards row %d: to: %w", i+1, err)
			}
			if s.To.Before(s.From) {
				return nil, fmt.Errorf("training standards row %d: to before from", i+1)
			}
		}
		if !s.Type.Valid() || !s.Level.Valid() || s.Yuan <= 0 || s.Source == "" {
			return nil, fmt.Errorf("training standards row %d: bad type, level, amount or source", i+1)
		}
		for _, o := range out.List {
			if o.Type == s.Type && o.Level == s.Level && overlaps(o, s) {
				return nil, fmt.Errorf("training standards row %d: overlaps another row for %s %s", i+1, s.Type.Label(), s.Level.Label())
			}
		}
		out.List = append(out.List, s)
	}
	return out, nil
}

func overlaps(a, b Standard) bool {
	return (a.To.IsZero() || !b.From.After(a.To)) && (b.To.IsZero() || !a.From.After(b.To))
}

// Lookup returns the standard for a class of type t and level l starting
// on day (China date at UTC midnight), if there is one.
func (s *Standards) Lookup(t ClassType, l Level, day time.Time) (Standard, bool) {
	for _, st := range s.List {
		if st.Type == t && st.Level == l && !day.Before(st.From) && (st.To.IsZero() || !day.After(st.To)) {
			return st, true
		}
	}
	return Standard{}, false
}

// Validity says the standard's dates: "2017-01-01 至 2025-12-31".
func (s Standard) Validity() string {
	to := "长期"
	if !s.To.IsZero() {
		to = s.To.Format(time.DateOnly)
	}
	return s.From.Format(time.DateOnly) + " 至 " + to
}

// LoadStandards returns the built-in standards (data/standards.yaml),
// parsed once.
var LoadStandards = sync.OnceValues(func() (*Standards, error) { return ParseStandards(standardsYAML) })

// ThresholdPercent is the attendance threshold as a whole percentage.
func (s *Standards) ThresholdPercent() int { return int(s.AttendanceThreshold*100 + 0.5) }

// LastDay is the last day any standard applies: zero when one has no end
// date (or there are none), else the latest end date. The demo's history
// stays within it, so its classes carry the standard that applied.
func (s *Standards) LastDay() time.Time {
	var last time.Time
	for _, st := range s.List {
		if st.To.IsZero() {
			return time.Time{}
		}
		if st.To.After(last) {
			last = st.To
		}
	}
	return last
}
