-- The case store, version 3: notes and attachments of a case, search by assignee. Plain SQL that H2 2.x and
-- PostgreSQL 12+ both accept, like V1 (BYTEA is PostgreSQL's binary string and an alias of H2's VARBINARY).

-- "my work": the cases assigned to a user
CREATE INDEX hw_case_assignee_ix ON hw_case (assignee, opened_at);

-- Notes are append-only: never updated, never deleted.
CREATE TABLE hw_case_note (
    id         UUID                        NOT NULL,
    case_id    UUID                        NOT NULL,
    author     VARCHAR(200)                NOT NULL,
    written_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    note_text  VARCHAR                     NOT NULL,
    CONSTRAINT hw_case_note_pk PRIMARY KEY (id),
    CONSTRAINT hw_case_note_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_case_note_case_ix ON hw_case_note (case_id, written_at);

-- What is known of an attachment; listed without touching the content.
CREATE TABLE hw_attachment (
    id           UUID                        NOT NULL,
    case_id      UUID                        NOT NULL,
    filename     VARCHAR(255)                NOT NULL,
    content_type VARCHAR(100)                NOT NULL,
    byte_size    BIGINT                      NOT NULL,
    sha256       VARCHAR(64)                 NOT NULL,
    uploaded_by  VARCHAR(200)                NOT NULL,
    uploaded_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT hw_attachment_pk PRIMARY KEY (id),
    CONSTRAINT hw_attachment_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_attachment_case_ix ON hw_attachment (case_id, uploaded_at);

-- The content, in a table of its own so that listing attachments never reads it. Kept in the database, not on a
-- node's disk: any node can serve it (DESIGN: a node keeps no state of its own).
CREATE TABLE hw_attachment_content (
    attachment_id UUID  NOT NULL,
    content       BYTEA NOT NULL,
    CONSTRAINT hw_attachment_content_pk PRIMARY KEY (attachment_id),
    CONSTRAINT hw_attachment_content_fk FOREIGN KEY (attachment_id) REFERENCES hw_attachment (id)
);
