-- The case store, version 11: search by risk level and across centers by status, newest first. Plain SQL that H2 2.x
-- and PostgreSQL 12+ both accept, like V1. The other new filters have their indexes: the opening day is a range of
-- hw_case_opened_ix, a date of birth one of hw_person_birth_ix (V10).

-- The urgent levels and the open states are the few cases among many that these filters look for; PostgreSQL reads
-- them newest first from these indexes. H2 sorts what they find, which costs when a value is common (LOW, closed),
-- but stays well under a second at the sizes H2 serves (tens of thousands of cases).
CREATE INDEX hw_case_risk_ix ON hw_case (risk_level, opened_at);
-- a center searching its own cases by status keeps hw_case_center_status_ix; a hub searches across centers
CREATE INDEX hw_case_status_ix ON hw_case (status, opened_at);
