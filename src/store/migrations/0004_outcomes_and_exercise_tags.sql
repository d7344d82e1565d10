-- schema version 4 (see docs/clinical-rules.md, outcomes and pauses): what
-- came of a warning, and the tags that decide which exercises a warning
-- pauses. Only adds: every row of a version-3 journal stays as it was.
CREATE TABLE outcome (
    rule   TEXT NOT NULL,
    leg    TEXT NOT NULL CHECK (leg IN ('left', 'right')),
    date   TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('cleared', 'treating', 'not-seen')),
    note   TEXT,
    -- The presentation the outcome closed: its level and its signs
    -- (comma-separated). NULL level for trend rules, which have none.
    level  TEXT CHECK (level IN ('emergency', 'urgent', 'soon', 'watch')),
    signs  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (rule, leg, date)
) WITHOUT ROWID;

-- A user's own exercise may name its tags; '' means none given.
ALTER TABLE exercise ADD COLUMN tags TEXT NOT NULL DEFAULT '';
