package jobs

import (
	"testing"

	"github.com/jiuye/jiuye/internal/apperr"
)

// TestAppStatusesExplained: every status is valid, has its own label and
// an explanation for the applicant; the filter accepts them and "" and
// refuses anything else naming the field.
func TestAppStatusesExplained(t *testing.T) {
	labels, explains := map[string]bool{}, map[string]bool{}
	for _, s := range AppStatuses {
		if !s.Valid() || s.Label() == string(s) || s.Explain() == "" {
			t.Errorf("status %s: valid %v, label %q, explain %q", s, s.Valid(), s.Label(), s.Explain())
		}
		if labels[s.Label()] || explains[s.Explain()] {
			t.Errorf("status %s repeats a label or an explanation", s)
		}
		labels[s.Label()], explains[s.Explain()] = true, true
		if err := CheckAppStatusFilter("status", string(s)); err != nil {
			t.Errorf("filter %s: %v", s, err)
		}
	}
	if len(AppStatuses) != 6 {
		t.Errorf("%d statuses, want 6", len(AppStatuses))
	}
	if err := CheckAppStatusFilter("status", ""); err != nil {
		t.Errorf("empty filter: %v", err)
	}
	for _, bad := range []string{"NEW", "open", " new", "已查看"} {
		err := CheckAppStatusFilter("status", bad)
		if AppStatus(bad).Valid() || apperr.As(err).Fields["status"] == "" {
			t.Errorf("filter %q: %v", bad, err)
		}
	}
}

// TestEmployerNote: the latest note written by the employer, never the
// applicant's cover note.
func TestEmployerNote(t *testing.T) {
	ap := &Application{Events: []AppEvent{
		{ActorRole: "person", To: AppNew, Note: "我的留言"},
		{ActorRole: "employer", From: AppNew, To: AppViewed},
	}}
	if n := ap.EmployerNote(); n != "" {
		t.Fatalf("note %q before the employer wrote one", n)
	}
	ap.Events = append(ap.Events, AppEvent{ActorRole: "employer", From: AppViewed, To: AppInterview, Note: "周三面试"},
		AppEvent{ActorRole: "employer", From: AppInterview, To: AppHired})
	if n := ap.EmployerNote(); n != "周三面试" {
		t.Fatalf("note %q, want 周三面试", n)
	}
}
