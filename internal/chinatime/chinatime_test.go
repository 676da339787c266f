package chinatime

import (
	"testing"
	"time"
)

// TestToday: 23:30 UTC is already the next day in China.
func TestToday(t *testing.T) {
	got := Today(time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC))
	if want := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Today = %v, want %v", got, want)
	}
	if got := Today(time.Date(2026, 12, 6, 15, 59, 0, 0, time.UTC)); got.Day() != 6 {
		t.Fatalf("15:59 UTC is still the 6th in China, got %v", got)
	}
}
