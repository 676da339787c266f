package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jiuye/jiuye/internal/registry"
	"github.com/jiuye/jiuye/internal/store"
	"github.com/jiuye/jiuye/internal/training"
)

// TestClaimWorkingAgeRule: a standard that names no catalog policy is
// judged by working age on the class's first day, and the check says so.
func TestClaimWorkingAgeRule(t *testing.T) {
	c := &training.Class{Type: training.TypeEmployment, Sessions: []training.Session{{Date: time.Date(2025, 7, 5, 0, 0, 0, 0, time.UTC)}}}
	judge, rule, err := (&TrainingClaims{}).groupJudge(context.Background(), c, training.Standard{Yuan: 800})
	if err != nil || !strings.Contains(rule, "就业技能培训") || !strings.Contains(rule, "16–60") {
		t.Fatalf("rule %q, %v", rule, err)
	}
	for birth, ok := range map[string]bool{"1990-03-08": true, "2009-07-05": true, "2009-07-06": false, "1965-07-06": true, "1964-07-04": false} {
		b, _ := time.Parse(time.DateOnly, birth)
		ck := judge(&store.ClaimTrainee{Person: &registry.Person{Birth: b}})
		if ck.OK != ok || !strings.Contains(ck.Reason, "劳动年龄") {
			t.Errorf("born %s: %+v", birth, ck)
		}
	}
	if _, _, ok := certAttr("电工", 4, training.TraineeFacts{}); ok {
		t.Error("a certificate without one")
	}
	cert, on, ok := certAttr("电工", 4, training.TraineeFacts{PassedOn: time.Date(2025, 8, 2, 0, 0, 0, 0, time.UTC)})
	if !ok || cert["level"] != "中级" || cert["issued"] != "2025-08-02" || on.Day() != 2 {
		t.Errorf("the exam as the certificate: %v %v", cert, on)
	}
}
