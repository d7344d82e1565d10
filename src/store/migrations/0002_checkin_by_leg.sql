-- schema version 2: per-leg look-ups ("copy yesterday", one leg's trend,
-- the clinical rules' per-leg windows) read check-ins by leg, then date.
-- The primary key is (date, leg), which cannot serve "latest entry of the
-- left leg before D" without a scan.
CREATE INDEX checkin_by_leg ON checkin (leg, date);
