-- The case store, version 6: police referral packs, and transfers and shares of cases between the centers of one
-- deployment. Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- A pack sent to a police agency: the identifiers as they were when it was sent (the case may change later),
-- what was missing then, and the steps the agency has taken.
CREATE TABLE hw_referral (
    id                   UUID                        NOT NULL,
    case_id              UUID                        NOT NULL,
    agency               VARCHAR(200)                NOT NULL,
    status               VARCHAR(20)                 NOT NULL,
    sent_by              VARCHAR(200)                NOT NULL,
    sent_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    acknowledged_by      VARCHAR(200),
    acknowledged_at      TIMESTAMP(6) WITH TIME ZONE,
    acted_on_by          VARCHAR(200),
    acted_on_at          TIMESTAMP(6) WITH TIME ZONE,
    -- the pack as sent
    case_number          VARCHAR(100)                NOT NULL,
    center_id            VARCHAR(100)                NOT NULL,
    center_name          VARCHAR(200)                NOT NULL,
    country              VARCHAR(2)                  NOT NULL,
    case_type            VARCHAR(40)                 NOT NULL,
    family_name          VARCHAR,
    given_name           VARCHAR,
    sex                  VARCHAR(20),
    date_of_birth        DATE,
    physical_description VARCHAR,
    photo_attachment_id  UUID,
    dna_profile          VARCHAR,
    fingerprints         VARCHAR,
    -- codes of the identifiers missing when it was sent, comma-separated; empty when complete
    missing_codes        VARCHAR(1000)               NOT NULL,
    version              BIGINT                      NOT NULL,
    CONSTRAINT hw_referral_pk PRIMARY KEY (id),
    CONSTRAINT hw_referral_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id),
    CONSTRAINT hw_referral_photo_fk FOREIGN KEY (photo_attachment_id) REFERENCES hw_attachment (id)
);
CREATE INDEX hw_referral_case_ix ON hw_referral (case_id, sent_at);

-- A request to transfer or share a case, and its outcome. The case's type, country and risk level are copied so
-- that the receiver can decide without reading the case.
CREATE TABLE hw_case_transfer (
    id              UUID                        NOT NULL,
    case_id         UUID                        NOT NULL,
    case_number     VARCHAR(100)                NOT NULL,
    case_type       VARCHAR(40)                 NOT NULL,
    country         VARCHAR(2)                  NOT NULL,
    risk_level      VARCHAR(20)                 NOT NULL,
    kind            VARCHAR(20)                 NOT NULL,
    from_center_id  VARCHAR(100)                NOT NULL,
    to_center_id    VARCHAR(100)                NOT NULL,
    status          VARCHAR(20)                 NOT NULL,
    reason          VARCHAR(2000)               NOT NULL,
    requested_by    VARCHAR(200)                NOT NULL,
    requested_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(200),
    decided_at      TIMESTAMP(6) WITH TIME ZONE,
    decision_reason VARCHAR(2000),
    version         BIGINT                      NOT NULL,
    CONSTRAINT hw_case_transfer_pk PRIMARY KEY (id),
    CONSTRAINT hw_case_transfer_case_fk FOREIGN KEY (case_id) REFERENCES hw_case (id)
);
CREATE INDEX hw_case_transfer_case_ix ON hw_case_transfer (case_id, requested_at);
-- the incoming and outgoing lists of a center
CREATE INDEX hw_case_transfer_to_ix ON hw_case_transfer (to_center_id, status, requested_at);
CREATE INDEX hw_case_transfer_from_ix ON hw_case_transfer (from_center_id, status, requested_at);
