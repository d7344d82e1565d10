-- schema version 3: the phase criteria read the newest heel-raise test of
-- each leg and kind on every assessment. The primary key (date, leg, test)
-- cannot answer "newest for this leg and test" without reading every test,
-- which grew with the journal (0.45 ms on ten years of fortnightly tests).
CREATE INDEX capacity_by_leg_and_test ON capacity_test (leg, test, date);
