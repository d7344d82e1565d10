-- schema version 9 (8 in a tree without 0008; issue 23, item 6): refuse from now on the values that
-- no soleus path writes and that soleus cannot read back (a distance of
-- 1e308 km, a date of 30 February, a score of 2.5), whoever writes them:
-- another program, a hand edit with sqlite3.
--
-- Triggers, not a table rebuild with CHECK constraints: a rebuild would
-- have to drop the rows of an older journal that break the new checks, and
-- triggers compose with other migrations that add columns. Only adds: every
-- row of a version-8 journal stays as it was, and one that cannot be read
-- is left out of what needs it and named (see docs/storage.md).
--
-- A calendar date is text that SQLite's date(text, '+0 days') gives back unchanged
-- (date('2025-02-30', '+0 days') is '2025-03-02'), from 1900-01-01 on.

CREATE TRIGGER checkin_checks_insert BEFORE INSERT ON checkin
BEGIN
    SELECT RAISE(ABORT, 'checkin.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'checkin.pain_rest: expected a whole number from 0 to 10') WHERE NOT (typeof(NEW.pain_rest) = 'integer' AND NEW.pain_rest BETWEEN 0 AND 10);
    SELECT RAISE(ABORT, 'checkin.pain_walk: expected a whole number from 0 to 10') WHERE NOT (typeof(NEW.pain_walk) = 'integer' AND NEW.pain_walk BETWEEN 0 AND 10);
    SELECT RAISE(ABORT, 'checkin.pain_run: expected a whole number from 0 to 10') WHERE NOT (NEW.pain_run IS NULL OR (typeof(NEW.pain_run) = 'integer' AND NEW.pain_run BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.tightness: expected a whole number from 0 to 10') WHERE NOT (NEW.tightness IS NULL OR (typeof(NEW.tightness) = 'integer' AND NEW.tightness BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.morning: expected a whole number from 0 to 10') WHERE NOT (NEW.morning IS NULL OR (typeof(NEW.morning) = 'integer' AND NEW.morning BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.cross_min: expected a whole number of minutes from 0 to 1440') WHERE NOT (NEW.cross_min IS NULL OR (typeof(NEW.cross_min) = 'integer' AND NEW.cross_min BETWEEN 0 AND 1440));
END;

CREATE TRIGGER checkin_checks_update BEFORE UPDATE ON checkin
BEGIN
    SELECT RAISE(ABORT, 'checkin.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'checkin.pain_rest: expected a whole number from 0 to 10') WHERE NOT (typeof(NEW.pain_rest) = 'integer' AND NEW.pain_rest BETWEEN 0 AND 10);
    SELECT RAISE(ABORT, 'checkin.pain_walk: expected a whole number from 0 to 10') WHERE NOT (typeof(NEW.pain_walk) = 'integer' AND NEW.pain_walk BETWEEN 0 AND 10);
    SELECT RAISE(ABORT, 'checkin.pain_run: expected a whole number from 0 to 10') WHERE NOT (NEW.pain_run IS NULL OR (typeof(NEW.pain_run) = 'integer' AND NEW.pain_run BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.tightness: expected a whole number from 0 to 10') WHERE NOT (NEW.tightness IS NULL OR (typeof(NEW.tightness) = 'integer' AND NEW.tightness BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.morning: expected a whole number from 0 to 10') WHERE NOT (NEW.morning IS NULL OR (typeof(NEW.morning) = 'integer' AND NEW.morning BETWEEN 0 AND 10));
    SELECT RAISE(ABORT, 'checkin.cross_min: expected a whole number of minutes from 0 to 1440') WHERE NOT (NEW.cross_min IS NULL OR (typeof(NEW.cross_min) = 'integer' AND NEW.cross_min BETWEEN 0 AND 1440));
END;

CREATE TRIGGER run_checks_insert BEFORE INSERT ON run
BEGIN
    SELECT RAISE(ABORT, 'run.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'run.start: expected a UTC time as YYYY-MM-DDTHH:MM:SSZ') WHERE NOT (NEW.start IS NULL OR (strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start, '+0 days') IS NEW.start AND NEW.start >= '1900-01-01'));
    SELECT RAISE(ABORT, 'run.km: expected a number from 0 to 500') WHERE NOT (NEW.km IS NULL OR (typeof(NEW.km) IN ('integer', 'real') AND NEW.km BETWEEN 0 AND 500));
    SELECT RAISE(ABORT, 'run.moving_s: expected a whole number of seconds from 0 to 86400 (1440 minutes)') WHERE NOT (NEW.moving_s IS NULL OR (typeof(NEW.moving_s) = 'integer' AND NEW.moving_s BETWEEN 0 AND 86400));
    SELECT RAISE(ABORT, 'run.climb_m: expected a number from 0 to 10000') WHERE NOT (NEW.climb_m IS NULL OR (typeof(NEW.climb_m) IN ('integer', 'real') AND NEW.climb_m BETWEEN 0 AND 10000));
    SELECT RAISE(ABORT, 'run.running_s: expected a whole number of seconds from 0 to 86400 (1440 minutes)') WHERE NOT (NEW.running_s IS NULL OR (typeof(NEW.running_s) = 'integer' AND NEW.running_s BETWEEN 0 AND 86400));
END;

CREATE TRIGGER run_checks_update BEFORE UPDATE ON run
BEGIN
    SELECT RAISE(ABORT, 'run.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'run.start: expected a UTC time as YYYY-MM-DDTHH:MM:SSZ') WHERE NOT (NEW.start IS NULL OR (strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start, '+0 days') IS NEW.start AND NEW.start >= '1900-01-01'));
    SELECT RAISE(ABORT, 'run.km: expected a number from 0 to 500') WHERE NOT (NEW.km IS NULL OR (typeof(NEW.km) IN ('integer', 'real') AND NEW.km BETWEEN 0 AND 500));
    SELECT RAISE(ABORT, 'run.moving_s: expected a whole number of seconds from 0 to 86400 (1440 minutes)') WHERE NOT (NEW.moving_s IS NULL OR (typeof(NEW.moving_s) = 'integer' AND NEW.moving_s BETWEEN 0 AND 86400));
    SELECT RAISE(ABORT, 'run.climb_m: expected a number from 0 to 10000') WHERE NOT (NEW.climb_m IS NULL OR (typeof(NEW.climb_m) IN ('integer', 'real') AND NEW.climb_m BETWEEN 0 AND 10000));
    SELECT RAISE(ABORT, 'run.running_s: expected a whole number of seconds from 0 to 86400 (1440 minutes)') WHERE NOT (NEW.running_s IS NULL OR (typeof(NEW.running_s) = 'integer' AND NEW.running_s BETWEEN 0 AND 86400));
END;

CREATE TRIGGER completion_checks_insert BEFORE INSERT ON completion
BEGIN
    SELECT RAISE(ABORT, 'completion.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'completion.sets: expected a whole number from 1 to 50') WHERE NOT (NEW.sets IS NULL OR (typeof(NEW.sets) = 'integer' AND NEW.sets BETWEEN 1 AND 50));
    SELECT RAISE(ABORT, 'completion.pain: expected a whole number from 0 to 10') WHERE NOT (NEW.pain IS NULL OR (typeof(NEW.pain) = 'integer' AND NEW.pain BETWEEN 0 AND 10));
END;

CREATE TRIGGER completion_checks_update BEFORE UPDATE ON completion
BEGIN
    SELECT RAISE(ABORT, 'completion.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'completion.sets: expected a whole number from 1 to 50') WHERE NOT (NEW.sets IS NULL OR (typeof(NEW.sets) = 'integer' AND NEW.sets BETWEEN 1 AND 50));
    SELECT RAISE(ABORT, 'completion.pain: expected a whole number from 0 to 10') WHERE NOT (NEW.pain IS NULL OR (typeof(NEW.pain) = 'integer' AND NEW.pain BETWEEN 0 AND 10));
END;

CREATE TRIGGER capacity_test_checks_insert BEFORE INSERT ON capacity_test
BEGIN
    SELECT RAISE(ABORT, 'capacity_test.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'capacity_test.reps: expected a whole number from 0 to 500') WHERE NOT (typeof(NEW.reps) = 'integer' AND NEW.reps BETWEEN 0 AND 500);
END;

CREATE TRIGGER capacity_test_checks_update BEFORE UPDATE ON capacity_test
BEGIN
    SELECT RAISE(ABORT, 'capacity_test.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'capacity_test.reps: expected a whole number from 0 to 500') WHERE NOT (typeof(NEW.reps) = 'integer' AND NEW.reps BETWEEN 0 AND 500);
END;

CREATE TRIGGER acknowledgement_checks_insert BEFORE INSERT ON acknowledgement
BEGIN
    SELECT RAISE(ABORT, 'acknowledgement.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
END;

CREATE TRIGGER acknowledgement_checks_update BEFORE UPDATE ON acknowledgement
BEGIN
    SELECT RAISE(ABORT, 'acknowledgement.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
END;

CREATE TRIGGER phase_change_checks_insert BEFORE INSERT ON phase_change
BEGIN
    SELECT RAISE(ABORT, 'phase_change.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
END;

CREATE TRIGGER phase_change_checks_update BEFORE UPDATE ON phase_change
BEGIN
    SELECT RAISE(ABORT, 'phase_change.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
END;

CREATE TRIGGER outcome_checks_insert BEFORE INSERT ON outcome
BEGIN
    SELECT RAISE(ABORT, 'outcome.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'outcome.highest_pain: expected a whole number from 0 to 10') WHERE NOT (NEW.highest_pain IS NULL OR (typeof(NEW.highest_pain) = 'integer' AND NEW.highest_pain BETWEEN 0 AND 10));
END;

CREATE TRIGGER outcome_checks_update BEFORE UPDATE ON outcome
BEGIN
    SELECT RAISE(ABORT, 'outcome.date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.date, '+0 days') IS NEW.date AND NEW.date >= '1900-01-01');
    SELECT RAISE(ABORT, 'outcome.highest_pain: expected a whole number from 0 to 10') WHERE NOT (NEW.highest_pain IS NULL OR (typeof(NEW.highest_pain) = 'integer' AND NEW.highest_pain BETWEEN 0 AND 10));
END;

CREATE TRIGGER plan_span_checks_insert BEFORE INSERT ON plan_span
BEGIN
    SELECT RAISE(ABORT, 'plan_span.start: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.start, '+0 days') IS NEW.start AND NEW.start >= '1900-01-01');
    SELECT RAISE(ABORT, 'plan_span.end: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (NEW.end IS NULL OR (date(NEW.end, '+0 days') IS NEW.end AND NEW.end >= '1900-01-01'));
END;

CREATE TRIGGER plan_span_checks_update BEFORE UPDATE ON plan_span
BEGIN
    SELECT RAISE(ABORT, 'plan_span.start: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (date(NEW.start, '+0 days') IS NEW.start AND NEW.start >= '1900-01-01');
    SELECT RAISE(ABORT, 'plan_span.end: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (NEW.end IS NULL OR (date(NEW.end, '+0 days') IS NEW.end AND NEW.end >= '1900-01-01'));
END;

CREATE TRIGGER profile_checks_insert BEFORE INSERT ON profile
BEGIN
    SELECT RAISE(ABORT, 'profile.injury_date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (NEW.injury_date IS NULL OR (date(NEW.injury_date, '+0 days') IS NEW.injury_date AND NEW.injury_date >= '1900-01-01'));
    SELECT RAISE(ABORT, 'profile.baseline_km: expected a number from 0 to 1000') WHERE NOT (NEW.baseline_km IS NULL OR (typeof(NEW.baseline_km) IN ('integer', 'real') AND NEW.baseline_km BETWEEN 0 AND 1000));
END;

CREATE TRIGGER profile_checks_update BEFORE UPDATE ON profile
BEGIN
    SELECT RAISE(ABORT, 'profile.injury_date: expected a YYYY-MM-DD calendar date from 1900-01-01') WHERE NOT (NEW.injury_date IS NULL OR (date(NEW.injury_date, '+0 days') IS NEW.injury_date AND NEW.injury_date >= '1900-01-01'));
    SELECT RAISE(ABORT, 'profile.baseline_km: expected a number from 0 to 1000') WHERE NOT (NEW.baseline_km IS NULL OR (typeof(NEW.baseline_km) IN ('integer', 'real') AND NEW.baseline_km BETWEEN 0 AND 1000));
END;
