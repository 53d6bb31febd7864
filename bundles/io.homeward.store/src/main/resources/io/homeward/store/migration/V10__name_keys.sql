-- The case store, version 10: finding a child by name across scripts and spellings, and cases by number, from
-- indexes. Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- The keys each person's names are found by (see NameKeys): one row per word of the names and key, a key being a
-- folded Latin spelling (a-z, 0-9) or a sound code ('#' and Double Metaphone). Derived from hw_person, rewritten
-- whenever the person's keys are; no foreign key, so that keys are written in the transaction of the person
-- without depending on the order Hibernate flushes rows in.
CREATE TABLE hw_name_key (
    person_id UUID        NOT NULL,
    word      SMALLINT    NOT NULL,
    name_key  VARCHAR(61) NOT NULL,
    case_id   UUID        NOT NULL,
    CONSTRAINT hw_name_key_pk PRIMARY KEY (person_id, word, name_key)
);
-- every lookup is by key (equal, or a prefix as a range); the case id rides along for the visibility join
CREATE INDEX hw_name_key_ix ON hw_name_key (name_key, case_id, person_id);

-- Which version of the key rules a person's keys were made with; null until made (persons stored before V10 get
-- theirs from the background job NameKeyBackfill, in batches, resuming where it stopped).
ALTER TABLE hw_person ADD COLUMN name_keys INTEGER;

-- A case number typed in full or its beginning: the unique constraint leads with the center, so it cannot serve.
CREATE INDEX hw_case_number_ix ON hw_case (case_number);
-- "same date of birth" for the candidates of an intake
CREATE INDEX hw_person_birth_ix ON hw_person (date_of_birth);
