-- Job fairs and labour cooperation (issue 15 item 3). A fair is an
-- activity of kind fair or labour; its pre-registration is the activity's
-- sign-up. An enterprise applies for a booth (applied), staff approve it
-- at a grid position (grid_row, grid_col: row letter and column number of
-- the booth map) or reject it with a reason; the position is unique in its
-- fair (NULLs, before approval, are distinct). After the fair the
-- employer records the intentions reached and the hires at the booth.
CREATE TABLE fair_booths (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id   INTEGER NOT NULL REFERENCES activities(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    grid_row      INTEGER,
    grid_col      INTEGER,
    status        TEXT NOT NULL,          -- applied | approved | rejected
    reason        TEXT NOT NULL DEFAULT '',
    intentions    INTEGER NOT NULL DEFAULT 0,
    hires         INTEGER NOT NULL DEFAULT 0,
    recorded_at   TIMESTAMP,
    decided_at    TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    UNIQUE (activity_id, enterprise_id)
);
CREATE UNIQUE INDEX fair_booths_position ON fair_booths(activity_id, grid_row, grid_col);
CREATE INDEX fair_booths_enterprise ON fair_booths(enterprise_id, id);

-- Labour stations (劳务工作站) and university liaison stations (高校联络站):
-- organisations with a contact; their events are the activities whose
-- org_name is the station's name. The contact's phone may be a person's
-- mobile, so it is sealed like every phone.
CREATE TABLE stations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,      -- station | university
    region            TEXT NOT NULL DEFAULT '',
    contact_name      TEXT NOT NULL,
    contact_phone_enc BLOB NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

-- A resume sent by scanning a booth's QR code at a fair is a job
-- application tagged with the fair; one sent at a station's event is
-- tagged with the station too, so hires are counted per fair and per
-- station from the applications the employers move to hired.
ALTER TABLE job_applications ADD COLUMN fair_id INTEGER REFERENCES activities(id);
ALTER TABLE job_applications ADD COLUMN station_id INTEGER REFERENCES stations(id);
CREATE INDEX job_applications_fair ON job_applications(fair_id, enterprise_id) WHERE fair_id IS NOT NULL;
CREATE INDEX job_applications_station ON job_applications(station_id, status) WHERE station_id IS NOT NULL;
