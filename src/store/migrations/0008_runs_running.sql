-- schema version 8 (issue 20): a run's running time, and the runs the user
-- deleted. Only adds: every row of a version-7 journal stays as it was.

-- Seconds spent running: the moving time less walk intervals and warm-up
-- or cool-down walks, from the track's speed or the watch's laps. NULL for
-- a typed run and for every run imported before version 8 (their running
-- time is then the typed intervals' running part, else the moving time).
ALTER TABLE run ADD COLUMN running_s INTEGER CHECK (running_s >= 0);

-- An imported run the user deleted, kept whole: its start is a tombstone
-- (importing the same file again does not bring it back), and the rest
-- lets `soleus runs restore ID` put it back under its old ID.
CREATE TABLE run_deleted (
    id         INTEGER PRIMARY KEY,
    date       TEXT    NOT NULL,
    -- UTC, 'YYYY-MM-DDTHH:MM:SSZ', as in run.start.
    start      TEXT    NOT NULL,
    km         REAL    CHECK (km >= 0),
    moving_s   INTEGER CHECK (moving_s >= 0),
    running_s  INTEGER CHECK (running_s >= 0),
    climb_m    REAL    CHECK (climb_m >= 0),
    source     TEXT    NOT NULL CHECK (source IN ('fit', 'gpx', 'strava', 'garmin')),
    source_id  TEXT,
    intervals  TEXT,
    -- When it was deleted, UTC, same format.
    deleted_at TEXT    NOT NULL
);
CREATE INDEX run_deleted_by_start ON run_deleted (start);
