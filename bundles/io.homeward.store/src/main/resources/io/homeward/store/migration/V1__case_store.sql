-- The case store, version 1. Plain SQL that H2 2.x and PostgreSQL 12+ both accept, so one migration
-- serves both; a vendor-specific change would go into a folder of its own beside this one.
-- Instants are TIMESTAMP WITH TIME ZONE (Hibernate stores them in UTC); free text is unbounded VARCHAR.

CREATE TABLE hw_case (
    id               UUID                        NOT NULL,
    case_number      VARCHAR(100)                NOT NULL,
    center_id        VARCHAR(100)                NOT NULL,
    country          VARCHAR(2)                  NOT NULL,
    case_type        VARCHAR(40)                 NOT NULL,
    category         VARCHAR(100)                NOT NULL,
    workflow_id      VARCHAR(100)                NOT NULL,
    workflow_version INTEGER                     NOT NULL,
    status           VARCHAR(100)                NOT NULL,
    risk_level       VARCHAR(20)                 NOT NULL,
    risk_reason      VARCHAR                     NOT NULL,
    risk_assessed_by VARCHAR(200)                NOT NULL,
    risk_assessed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    opened_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP(6) WITH TIME ZONE,
    assignee         VARCHAR(200),
    event_count      INTEGER                     NOT NULL,
    version          BIGINT                      NOT NULL,
    CONSTRAINT hw_case_pk PRIMARY KEY (id),
    CONSTRAINT hw_case_number_uq UNIQUE (center_id, case_number)
);
-- search lists newest first, usually within one center
CREATE INDEX hw_case_opened_ix ON hw_case (opened_at, id);
CREATE INDEX hw_case_center_status_ix ON hw_case (center_id, status);

CREATE TABLE hw_case_field (
    case_id     UUID         NOT NULL,
    field_id    VARCHAR(100) NOT NULL,
    field_value VARCHAR      NOT NULL,
    CONSTRAINT hw_case_field_pk PRIMARY KEY (case_id, field_id),
    CONSTRAINT hw_case_field_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);

CREATE TABLE hw_person (
    id            UUID         NOT NULL,
    case_id       UUID         NOT NULL,
    ordinal       INTEGER      NOT NULL,
    person_role   VARCHAR(40)  NOT NULL,
    family_name   VARCHAR(200),
    given_name    VARCHAR(200),
    sex           VARCHAR(20),
    date_of_birth DATE,
    description   VARCHAR,
    phone         VARCHAR(50),
    version       BIGINT       NOT NULL,
    CONSTRAINT hw_person_pk PRIMARY KEY (id),
    CONSTRAINT hw_person_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_person_case_ix ON hw_person (case_id);

CREATE TABLE hw_timeline_event (
    id          UUID                        NOT NULL,
    case_id     UUID                        NOT NULL,
    event_index INTEGER                     NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)                NOT NULL,
    kind        VARCHAR(40)                 NOT NULL,
    action_id   VARCHAR(100),
    from_status VARCHAR(100),
    to_status   VARCHAR(100),
    note        VARCHAR,
    CONSTRAINT hw_timeline_event_pk PRIMARY KEY (id),
    CONSTRAINT hw_timeline_event_uq UNIQUE (case_id, event_index),
    CONSTRAINT hw_timeline_event_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);

CREATE TABLE hw_case_number (
    center_id  VARCHAR(100) NOT NULL,
    case_year  INTEGER      NOT NULL,
    last_value BIGINT       NOT NULL,
    version    BIGINT       NOT NULL,
    CONSTRAINT hw_case_number_pk PRIMARY KEY (center_id, case_year)
);
