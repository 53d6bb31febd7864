-- The case store, version 5: child abduction alerts, their CAP messages and the outbox of their deliveries.
-- Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- One alert of a case: its request, its decision (approve or refuse) and where it stands.
CREATE TABLE hw_alert (
    id               UUID                        NOT NULL,
    case_id          UUID                        NOT NULL,
    center_id        VARCHAR(100)                NOT NULL,
    status           VARCHAR(20)                 NOT NULL,
    requested_by     VARCHAR(200)                NOT NULL,
    requested_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    request_reason   VARCHAR(2000)               NOT NULL,
    decided_by       VARCHAR(200),
    decided_at       TIMESTAMP(6) WITH TIME ZONE,
    decision_reasons VARCHAR(2000),
    urgency          VARCHAR(20),
    severity         VARCHAR(20),
    certainty        VARCHAR(20),
    version          BIGINT                      NOT NULL,
    CONSTRAINT hw_alert_pk PRIMARY KEY (id),
    CONSTRAINT hw_alert_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_alert_case_ix ON hw_alert (case_id, requested_at);
CREATE INDEX hw_alert_status_ix ON hw_alert (status);

-- The criteria as they stood when the alert was requested, and when it was decided: the evidence on record.
CREATE TABLE hw_alert_request_evidence (
    alert_id     UUID          NOT NULL,
    item_no     INTEGER       NOT NULL,
    criterion_id VARCHAR(100)  NOT NULL,
    outcome      VARCHAR(10)   NOT NULL,
    evidence     VARCHAR(100)  NOT NULL,
    value_read   VARCHAR(2000),
    CONSTRAINT hw_alert_request_evidence_pk PRIMARY KEY (alert_id, item_no),
    CONSTRAINT hw_alert_request_evidence_fk FOREIGN KEY (alert_id) REFERENCES hw_alert (id)
);
CREATE TABLE hw_alert_decision_evidence (
    alert_id     UUID          NOT NULL,
    item_no     INTEGER       NOT NULL,
    criterion_id VARCHAR(100)  NOT NULL,
    outcome      VARCHAR(10)   NOT NULL,
    evidence     VARCHAR(100)  NOT NULL,
    value_read   VARCHAR(2000),
    CONSTRAINT hw_alert_decision_evidence_pk PRIMARY KEY (alert_id, item_no),
    CONSTRAINT hw_alert_decision_evidence_fk FOREIGN KEY (alert_id) REFERENCES hw_alert (id)
);

-- The CAP 1.2 messages of an alert, as published: never updated, never deleted.
CREATE TABLE hw_alert_message (
    id         UUID                        NOT NULL,
    alert_id   UUID                        NOT NULL,
    item_no   INTEGER                     NOT NULL,
    msg_type   VARCHAR(10)                 NOT NULL,
    sender     VARCHAR(200)                NOT NULL,
    sent_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    cap        BYTEA                       NOT NULL,
    CONSTRAINT hw_alert_message_pk PRIMARY KEY (id),
    CONSTRAINT hw_alert_message_position_uq UNIQUE (alert_id, item_no),
    CONSTRAINT hw_alert_message_alert_fk FOREIGN KEY (alert_id) REFERENCES hw_alert (id)
);

-- The outbox: one row per message and channel, until delivered. A node claims a row by moving next_attempt_at
-- forward with an UPDATE conditioned on the value it read, so that two nodes never deliver one row at once.
CREATE TABLE hw_alert_delivery (
    id              UUID                        NOT NULL,
    message_id      UUID                        NOT NULL,
    channel         VARCHAR(100)                NOT NULL,
    attempts        INTEGER                     NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(500),
    delivered_at    TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT hw_alert_delivery_pk PRIMARY KEY (id),
    CONSTRAINT hw_alert_delivery_uq UNIQUE (message_id, channel),
    CONSTRAINT hw_alert_delivery_message_fk FOREIGN KEY (message_id) REFERENCES hw_alert_message (id)
);
CREATE INDEX hw_alert_delivery_due_ix ON hw_alert_delivery (delivered_at, next_attempt_at);
