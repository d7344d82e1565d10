-- schema version 5 (issue 14): runs get a table of their own. A run typed
-- into a check-in becomes a 'manual' run of that date and leg; runs
-- imported from a watch or an export (FIT, GPX, Strava, Garmin) carry
-- their start time, by which a second import of the same file is known.
-- Every typed value moves over unchanged (minutes are kept as seconds,
-- 60 times the typed whole minutes), then the check-in's two run columns
-- are dropped: the run table is the one place a run lives.
CREATE TABLE run (
    -- AUTOINCREMENT: a deleted run's ID is never given to another run.
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    date      TEXT    NOT NULL,
    -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'; NULL for a typed run.
    start     TEXT,
    km        REAL    CHECK (km >= 0),
    moving_s  INTEGER CHECK (moving_s >= 0),
    climb_m   REAL    CHECK (climb_m >= 0),
    source    TEXT    NOT NULL CHECK (source IN ('manual', 'fit', 'gpx', 'strava', 'garmin')),
    source_id TEXT,
    -- The calf whose check-in a typed run belongs to.
    leg       TEXT    CHECK (leg IN ('left', 'right')),
    -- Walk-run intervals as typed, '10x1/2'.
    intervals TEXT,
    CHECK ((source = 'manual') = (leg IS NOT NULL)),
    CHECK (source = 'manual' OR start IS NOT NULL)
);
CREATE UNIQUE INDEX run_typed ON run (date, leg) WHERE source = 'manual';
CREATE UNIQUE INDEX run_by_start ON run (start) WHERE start IS NOT NULL;
CREATE INDEX run_by_date ON run (date);

INSERT INTO run (date, km, moving_s, source, leg)
    SELECT date, run_km, run_min * 60, 'manual', leg FROM checkin
    WHERE run_km IS NOT NULL OR run_min IS NOT NULL
    ORDER BY date, leg;

ALTER TABLE checkin DROP COLUMN run_km;
ALTER TABLE checkin DROP COLUMN run_min;

-- The usual weekly distance before the injury, km (optional).
ALTER TABLE profile ADD COLUMN baseline_km REAL CHECK (baseline_km >= 0);
