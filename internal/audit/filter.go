package audit

import "time"

// Filter selects audit rows for the viewer.
type Filter struct {
	ActorID    int64
	Action     string
	ObjectType string
	ObjectID   string
	BeforeID   int64     // page backwards from this id (exclusive); 0 = newest
	From       time.Time // rows at or after (zero: no bound)
	To         time.Time // rows before (exclusive; zero: no bound)
	Limit      int
}
