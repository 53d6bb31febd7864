-- The case store, version 2: regional hubs (per-country case numbers, cases shared with other centers) and
-- SLA timers. Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- A hub numbers its cases per member country when its rules for that country give a scheme of their own
-- (SEEC-AL-2026-0001). The scope is that country code, or '' for the center's own scheme: every counter of
-- version 1 keeps counting as the center's own.
ALTER TABLE hw_case_number ADD COLUMN number_scope VARCHAR(10) DEFAULT '' NOT NULL;
ALTER TABLE hw_case_number DROP CONSTRAINT hw_case_number_pk;
ALTER TABLE hw_case_number ADD CONSTRAINT hw_case_number_pk PRIMARY KEY (center_id, number_scope, case_year);

-- The other centers a case is shared with (they can read it); searched by the viewing center.
CREATE TABLE hw_case_share (
    case_id   UUID         NOT NULL,
    center_id VARCHAR(100) NOT NULL,
    CONSTRAINT hw_case_share_pk PRIMARY KEY (case_id, center_id),
    CONSTRAINT hw_case_share_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_case_share_center_ix ON hw_case_share (center_id);

-- a hub lists the cases of its member countries
CREATE INDEX hw_case_country_ix ON hw_case (country, opened_at);

-- One timer per case and SLA of its workflow. escalate_to is copied from the SLA's declaration when the timer
-- starts, so that a timer can be escalated even after the plugin that declared it was updated or removed.
CREATE TABLE hw_sla_timer (
    id           UUID                        NOT NULL,
    case_id      UUID                        NOT NULL,
    sla_id       VARCHAR(100)                NOT NULL,
    escalate_to  VARCHAR(100)                NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deadline     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    met_at       TIMESTAMP(6) WITH TIME ZONE,
    escalated_at TIMESTAMP(6) WITH TIME ZONE,
    version      BIGINT                      NOT NULL,
    CONSTRAINT hw_sla_timer_pk PRIMARY KEY (id),
    CONSTRAINT hw_sla_timer_uq UNIQUE (case_id, sla_id),
    CONSTRAINT hw_sla_timer_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
-- the escalation job and the overdue filter look for timers past their deadline
CREATE INDEX hw_sla_timer_deadline_ix ON hw_sla_timer (deadline);
