-- The case store, version 12: cases imported in bulk from a center's legacy system (docs/import.md). Plain SQL that
-- H2 2.x and PostgreSQL 12+ both accept, like V1.

-- Which legacy record became which case. The primary key makes an external reference unique per center that ran
-- the import: the row is inserted in the transaction that stores the case, so a record imported once is never
-- imported twice, and a file run again after an interruption imports only what is missing. A table of the import's
-- own rather than a column of hw_case: the key belongs to the center whose legacy system the record came from,
-- which stays the same when a hub routes the case to a national center or the case is later transferred.
CREATE TABLE hw_case_import (
    center_id          VARCHAR(100)                NOT NULL,
    external_reference VARCHAR(200)                NOT NULL,
    case_id            UUID                        NOT NULL,
    imported_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- the run that imported it (one cases:import) and the record's line in that run's file: a reference that comes
    -- again later in the same file is refused as a duplicate of that line, one from an earlier run is skipped
    run_id             UUID                        NOT NULL,
    line_number        INTEGER                     NOT NULL,
    CONSTRAINT hw_case_import_pk PRIMARY KEY (center_id, external_reference),
    CONSTRAINT hw_case_import_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
-- which legacy record a case came from
CREATE UNIQUE INDEX hw_case_import_case_ix ON hw_case_import (case_id);
