-- schema version 6 (issue 12): plan history, doses per day and sessions.
-- Number 0005 belongs to the runs table (issue 14); this list applies
-- 0001-0004 then 0006, and gains 0005 in its place when that branch lands.
-- Only adds: every plan, completion and other row of a version-4 journal
-- stays as it was.

-- How many sessions a day the plan asks for (eccentric drops: 2).
ALTER TABLE plan ADD COLUMN per_day INTEGER NOT NULL DEFAULT 1 CHECK (per_day BETWEEN 1 AND 4);
-- How many sessions of the exercise were done that day.
ALTER TABLE completion ADD COLUMN sessions INTEGER NOT NULL DEFAULT 1 CHECK (sessions BETWEEN 1 AND 4);

-- When each exercise entered the plan and left it, with its dose then.
-- `start` and `end` are the first and last day it was asked for; `end`
-- NULL while it is still in the plan.
CREATE TABLE plan_span (
    exercise TEXT    NOT NULL,
    start    TEXT    NOT NULL,
    end      TEXT,
    dose     TEXT    NOT NULL,
    per_day  INTEGER NOT NULL DEFAULT 1 CHECK (per_day BETWEEN 1 AND 4),
    PRIMARY KEY (exercise, start)
) WITHOUT ROWID;

-- An older journal never said when an exercise joined: its active plan
-- counts from the start (adherence never counts a day before the
-- journal's first entry, so this is the first entry in effect).
INSERT INTO plan_span (exercise, start, end, dose, per_day)
    SELECT exercise, '1970-01-01', NULL, dose, 1 FROM plan WHERE active = 1;
