-- The case store, version 14: a misspelt name is found by the spellings that sound like it and are spelt nearly
-- like it, rather than by every name of the same sound code (a short code, such as that of Ioana, is shared by
-- thousands of children at a hub). Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- For a sound row, the spelling it is the sound of; null for a spelling row. Rows made before this version have
-- none: NameKeyBackfill makes every person's keys anew (NameKeys.VERSION 2), in batches, resuming where it stopped.
ALTER TABLE hw_name_key ADD COLUMN spelling VARCHAR(61);

-- The spellings of a sound, read from the index alone; and, as before, the cases and persons of a key.
CREATE INDEX hw_name_key_spelling_ix ON hw_name_key (name_key, spelling, case_id, person_id);
DROP INDEX hw_name_key_ix;
