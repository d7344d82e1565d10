-- soleus journal, schema version 1.
-- 'SOLE' in ASCII: marks the file as a soleus journal so that any other
-- SQLite database is refused before anything is written to it.
PRAGMA application_id = 1397705797;

CREATE TABLE profile (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    leg          TEXT    NOT NULL CHECK (leg IN ('left', 'right', 'both')),
    injury_date  TEXT,
    clot_history INTEGER NOT NULL DEFAULT 0 CHECK (clot_history IN (0, 1)),
    cancer       INTEGER NOT NULL DEFAULT 0 CHECK (cancer IN (0, 1))
);

CREATE TABLE checkin (
    date       TEXT    NOT NULL,
    leg        TEXT    NOT NULL CHECK (leg IN ('left', 'right')),
    pain_rest  INTEGER NOT NULL CHECK (pain_rest BETWEEN 0 AND 10),
    pain_walk  INTEGER NOT NULL CHECK (pain_walk BETWEEN 0 AND 10),
    pain_run   INTEGER CHECK (pain_run BETWEEN 0 AND 10),
    tightness  INTEGER CHECK (tightness BETWEEN 0 AND 10),
    morning    INTEGER CHECK (morning BETWEEN 0 AND 10),
    symptoms   TEXT    NOT NULL DEFAULT '',
    run_km     REAL    CHECK (run_km >= 0),
    run_min    INTEGER CHECK (run_min >= 0),
    cross_min  INTEGER CHECK (cross_min >= 0),
    note       TEXT,
    saved_at   TEXT    NOT NULL,
    PRIMARY KEY (date, leg)
) WITHOUT ROWID;

-- Exercises the user added to (or changed in) the shipped catalogue.
CREATE TABLE exercise (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    muscle  TEXT NOT NULL,
    phases  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    dose    TEXT NOT NULL,
    how_to  TEXT NOT NULL,
    caution TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE plan (
    exercise TEXT    PRIMARY KEY,
    dose     TEXT    NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE completion (
    date     TEXT    NOT NULL,
    exercise TEXT    NOT NULL,
    sets     INTEGER CHECK (sets > 0),
    pain     INTEGER CHECK (pain BETWEEN 0 AND 10),
    PRIMARY KEY (date, exercise)
) WITHOUT ROWID;

CREATE TABLE capacity_test (
    date TEXT    NOT NULL,
    leg  TEXT    NOT NULL CHECK (leg IN ('left', 'right')),
    test TEXT    NOT NULL CHECK (test IN ('heel-raise-straight', 'heel-raise-bent')),
    reps INTEGER NOT NULL CHECK (reps >= 0),
    PRIMARY KEY (date, leg, test)
) WITHOUT ROWID;

CREATE TABLE acknowledgement (
    rule            TEXT NOT NULL,
    leg             TEXT NOT NULL CHECK (leg IN ('left', 'right')),
    date            TEXT NOT NULL,
    acknowledged_at TEXT NOT NULL,
    PRIMARY KEY (rule, leg, date)
) WITHOUT ROWID;

CREATE TABLE phase_change (
    date  TEXT    PRIMARY KEY,
    phase INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 5)
) WITHOUT ROWID;
