package gigs

// Placeholder until the screening rules land (branch gig-screen): the same
// API, no rules.

// Severity of a flag.
type Severity string

// Severities.
const (
	SevBlock Severity = "block"
	SevWarn  Severity = "warn"
)

// Flag is one screening finding.
type Flag struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Phrase   string   `json:"phrase,omitempty"`
}

// ScreenInput is what screening reads of a gig.
type ScreenInput struct {
	Title, Description string
	Skills, Provided   []string
	PayFen             int64
	PayUnit            string
	HoursPerDay        float64
	Address            string
	MinHourlyFen       int64
	MarketHourlyFen    int64
}

// Screener holds the compiled rules.
type Screener struct{}

// NewScreener compiles the rules.
func NewScreener() *Screener { return &Screener{} }

// Screen returns the flags.
func (s *Screener) Screen(in ScreenInput) []Flag { return nil }

// Blocked reports whether any flag blocks publishing.
func Blocked(flags []Flag) bool {
	for _, f := range flags {
		if f.Severity == SevBlock {
			return true
		}
	}
	return false
}

// RuleInfo describes a rule.
type RuleInfo struct {
	Code            string
	Severity        Severity
	Message         string
	Catches, Passes []string
}

// Rules lists the rules.
func (s *Screener) Rules() []RuleInfo { return nil }
