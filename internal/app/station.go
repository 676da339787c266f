package app

// Labour stations (劳务工作站) and university liaison stations (高校联络站):
// staff register and edit them with a contact; anyone reads the list and a
// station's page with its events (the activities that name it by id) and
// its results: the workers it brought to each fair (sign-ups tagged with
// it) and the hires among them, sign-ups at its events, resumes sent at
// booths, and the hires the employers recorded at its events.

import (
	"context"
	"strings"
	"time"

	"github.com/jiuye/jiuye/internal/account"
	"github.com/jiuye/jiuye/internal/activity"
	"github.com/jiuye/jiuye/internal/store"
)

// Stations is the use cases of the labour and university liaison stations.
type Stations struct{ *core }

// StationInput is a station as the form and the API send it: kind
// station (劳务工作站) or university (高校联络站).
type StationInput struct {
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	Region       string `json:"region"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
}

// Create registers a station (staff).
func (x *Stations) Create(ctx context.Context, a Actor, in StationInput) (*activity.Station, error) {
	if !account.CanManageStations(a.User) {
		return nil, x.deny(ctx, a, "station", 0)
	}
	st, err := stationOf(in)
	if err != nil {
		return nil, err
	}
	if err := x.db.Stations().CreateStation(ctx, a.store(), st); err != nil {
		return nil, err
	}
	return x.db.Stations().StationByID(ctx, st.ID)
}

// stationOf is the station of the input, checked.
func stationOf(in StationInput) (*activity.Station, error) {
	st := &activity.Station{Name: in.Name, Kind: activity.StationKind(strings.TrimSpace(in.Kind)), Region: in.Region,
		ContactName: in.ContactName, ContactPhone: in.ContactPhone}
	st.Normalize()
	return st, st.Validate()
}

// InputOf is a station as its edit form shows it.
func (x *Stations) InputOf(st *activity.Station) StationInput {
	return StationInput{Name: st.Name, Kind: string(st.Kind), Region: st.Region, ContactName: st.ContactName, ContactPhone: st.ContactPhone}
}

// Get returns a station (staff, for its edit form).
func (x *Stations) Get(ctx context.Context, a Actor, id int64) (*activity.Station, error) {
	if !account.CanManageStations(a.User) {
		return nil, x.deny(ctx, a, "station", id)
	}
	return x.db.Stations().StationByID(ctx, id)
}

// Update replaces a station's fields (staff), audited. Its events name it
// by id, so a new name keeps them, and the workers and hires it brought.
func (x *Stations) Update(ctx context.Context, a Actor, id int64, in StationInput) (*activity.Station, error) {
	if !account.CanManageStations(a.User) {
		return nil, x.deny(ctx, a, "station", id)
	}
	if _, err := x.db.Stations().StationByID(ctx, id); err != nil {
		return nil, err
	}
	st, err := stationOf(in)
	if err != nil {
		return nil, err
	}
	st.ID = id
	if err := x.db.Stations().UpdateStation(ctx, a.store(), st); err != nil {
		return nil, err
	}
	return x.db.Stations().StationByID(ctx, id)
}

// List is every station (anyone).
func (x *Stations) List(ctx context.Context) ([]*activity.Station, error) {
	return x.db.Stations().StationList(ctx)
}

// StationView is a station's page.
type StationView struct {
	Station *activity.Station
	Events  []*activity.Activity // latest first
	Total   int                  // events in all
	Stats   activity.StationStats
	Fairs   []activity.StationResult // what it brought to each fair, latest first
	Manager bool
}

// stationEvents is how many events a station's page lists.
const stationEvents = 50

// Station returns a station's page (anyone): its contact, its latest
// events and its results.
func (x *Stations) Station(ctx context.Context, a Actor, id int64) (*StationView, error) {
	st, err := x.db.Stations().StationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &StationView{Station: st, Manager: account.CanManageStations(a.User)}
	list, total, err := x.db.Activities().Activities(ctx, store.ActivityFilter{StationID: st.ID, Latest: true, Limit: stationEvents})
	if err != nil {
		return nil, err
	}
	for _, act := range list {
		if st.Organises(act) {
			v.Events = append(v.Events, act)
		}
	}
	v.Total = total
	if v.Stats, err = x.db.Stations().StationStats(ctx, st); err != nil {
		return nil, err
	}
	if v.Fairs, err = x.db.Stations().StationFairs(ctx, st.ID, stationEvents); err != nil {
		return nil, err
	}
	return v, nil
}

// Now is the store's clock.
func (x *Stations) Now() time.Time { return x.now() }
