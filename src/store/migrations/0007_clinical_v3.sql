-- schema version 7 (issue 18, clinical engine v3): two profile facts the
-- rules read, and the highest pain of the presentation an outcome closed.
-- Only adds: every row of a version-6 journal stays as it was.

-- Oestrogen as the pill or HRT, pregnant or given birth in the last 6
-- weeks, or a known clotting disorder (a clot risk factor); and taking an
-- anticoagulant. An older journal never asked: no (see docs/storage.md).
ALTER TABLE profile ADD COLUMN clot_risk INTEGER NOT NULL DEFAULT 0 CHECK (clot_risk IN (0, 1));
ALTER TABLE profile ADD COLUMN blood_thinners INTEGER NOT NULL DEFAULT 0 CHECK (blood_thinners IN (0, 1));

-- The highest pain (the worse of rest and walking, 0-10) of the entries
-- the outcome covered. NULL for an outcome recorded before version 7, and
-- for a trend rule's, which has no presentation.
ALTER TABLE outcome ADD COLUMN highest_pain INTEGER CHECK (highest_pain BETWEEN 0 AND 10);
