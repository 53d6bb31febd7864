-- The case store, version 7: exchange of cases with partner deployments (docs/exchange.md). Plain SQL that H2 2.x
-- and PostgreSQL 12+ both accept, like V1.

-- This deployment's Ed25519 key pair, one row, created at first use by whichever node gets there first (the
-- primary key makes a second node's insert fail; it then reads the winner's). In the database, not in etc/, so
-- that every node signs with the same key without copying a secret file around.
CREATE TABLE hw_exchange_key (
    id          VARCHAR(20)                 NOT NULL,
    public_key  VARCHAR(200)                NOT NULL,
    private_key VARCHAR(200)                NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT hw_exchange_key_pk PRIMARY KEY (id)
);

-- Packages sent or being sent. The content is kept exactly as signed, so that every retry sends the same bytes.
CREATE TABLE hw_exchange_outbox (
    package_id          UUID                        NOT NULL,
    case_id             UUID                        NOT NULL,
    case_number         VARCHAR(100)                NOT NULL,
    partner_id          VARCHAR(100)                NOT NULL,
    target_center       VARCHAR(100)                NOT NULL,
    content             VARCHAR                     NOT NULL,
    signature           VARCHAR(200)                NOT NULL,
    status              VARCHAR(20)                 NOT NULL,
    attempts            INTEGER                     NOT NULL,
    next_attempt_at     TIMESTAMP(6) WITH TIME ZONE,
    last_error          VARCHAR(1000),
    partner_case_number VARCHAR(100),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT hw_exchange_outbox_pk PRIMARY KEY (package_id),
    CONSTRAINT hw_exchange_outbox_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
-- the outbox job's query: pending entries due
CREATE INDEX hw_exchange_outbox_due_ix ON hw_exchange_outbox (status, next_attempt_at);
CREATE INDEX hw_exchange_outbox_case_ix ON hw_exchange_outbox (case_id, created_at);

-- Packages received. The primary key (partner, package) makes delivery idempotent: the row is inserted in the
-- transaction that opens the case, so a second delivery of the same package, on any node, fails to insert and
-- rolls its case back.
CREATE TABLE hw_exchange_inbox (
    partner_id         VARCHAR(100)                NOT NULL,
    package_id         UUID                        NOT NULL,
    case_id            UUID                        NOT NULL,
    case_number        VARCHAR(100)                NOT NULL,
    sender_case_number VARCHAR(100)                NOT NULL,
    received_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT hw_exchange_inbox_pk PRIMARY KEY (partner_id, package_id),
    CONSTRAINT hw_exchange_inbox_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
