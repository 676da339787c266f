-- Stations linked by id (issue 15): an activity names the station that
-- organises it by station_id (NULL: none), so renaming a station keeps its
-- events; the events of the stations registered before this migration are
-- linked by their organiser's name once, here. A sign-up for a fair or a
-- labour-cooperation event names the station that brought the person
-- (activity_signups.station_id, NULL: none), so the workers a station
-- brings and the hires among them are counted per station. A school gets
-- an address and the time it was last changed, for the staff's edit page.
ALTER TABLE activities ADD COLUMN station_id BIGINT REFERENCES stations(id);
UPDATE activities SET station_id = (SELECT s.id FROM stations s WHERE s.name = activities.org_name)
    WHERE organiser IN ('station', 'university');
CREATE INDEX activities_station ON activities(station_id, start_at) WHERE station_id IS NOT NULL;

ALTER TABLE activity_signups ADD COLUMN station_id BIGINT REFERENCES stations(id);
CREATE INDEX activity_signups_station ON activity_signups(station_id, activity_id) WHERE station_id IS NOT NULL;

ALTER TABLE schools ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE schools ADD COLUMN updated_at TIMESTAMPTZ;
