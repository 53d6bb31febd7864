-- The case store, version 13: what staff decided about possible duplicates — two cases about the same child
-- (linked), or not the same (never proposed again) — kept when undone, with who, when and why. Plain SQL that H2
-- 2.x and PostgreSQL 12+ both accept, like V1.
CREATE TABLE hw_case_link (
    id          UUID                        NOT NULL,
    case_id     UUID                        NOT NULL,
    other_id    UUID                        NOT NULL,
    same_child  BOOLEAN                     NOT NULL,
    decided_by  VARCHAR(200)                NOT NULL,
    decided_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reason      VARCHAR(1000)               NOT NULL,
    undone_by   VARCHAR(200),
    undone_at   TIMESTAMP(6) WITH TIME ZONE,
    undo_reason VARCHAR(1000),
    version     BIGINT                      NOT NULL,
    CONSTRAINT hw_case_link_pk PRIMARY KEY (id),
    CONSTRAINT hw_case_link_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id),
    CONSTRAINT hw_case_link_other_fk FOREIGN KEY (other_id) REFERENCES hw_case (id)
);
-- a case's decisions, whichever side it is on
CREATE INDEX hw_case_link_case_ix ON hw_case_link (case_id, decided_at);
CREATE INDEX hw_case_link_other_ix ON hw_case_link (other_id, decided_at);
