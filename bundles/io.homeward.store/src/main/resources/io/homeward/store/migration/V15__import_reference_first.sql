-- The case store, version 15: an import looks up the references of each batch it reads (center = ? and reference
-- in (...)). With the center first in the primary key, H2 read every row of the center for every batch, so that
-- an import slowed as it went (a million-case import spent most of its time there); with the reference first,
-- each is one index lookup, on H2 and PostgreSQL alike. Plain SQL that H2 2.x and PostgreSQL 12+ both accept.
ALTER TABLE hw_case_import DROP CONSTRAINT hw_case_import_pk;
ALTER TABLE hw_case_import ADD CONSTRAINT hw_case_import_pk PRIMARY KEY (external_reference, center_id);
