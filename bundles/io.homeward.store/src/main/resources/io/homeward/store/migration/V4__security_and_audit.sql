-- The case store, version 4: staff accounts, sessions, login throttling, bearer tokens and the audit trail.
-- Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1. (V3 belongs to the REST features.)
-- Secrets are never stored: passwords as PBKDF2 hashes, session and bearer tokens as SHA-256 hashes.

CREATE TABLE hw_user (
    username             VARCHAR(100)  NOT NULL,
    display_name         VARCHAR(200)  NOT NULL,
    center_id            VARCHAR(100),
    language             VARCHAR(10)   NOT NULL,
    password_hash        VARCHAR(300)  NOT NULL,
    disabled             BOOLEAN       NOT NULL,
    must_change_password BOOLEAN       NOT NULL,
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT hw_user_pk PRIMARY KEY (username)
);
CREATE INDEX hw_user_center_ix ON hw_user (center_id);

CREATE TABLE hw_user_role (
    username  VARCHAR(100) NOT NULL,
    role      VARCHAR(40)  NOT NULL,
    CONSTRAINT hw_user_role_pk PRIMARY KEY (username, role),
    CONSTRAINT hw_user_role_user_fk FOREIGN KEY (username) REFERENCES hw_user (username)
);

-- token_hash: hex SHA-256 of the cookie's random 256-bit token
CREATE TABLE hw_session (
    token_hash   VARCHAR(64)                 NOT NULL,
    username     VARCHAR(100)                NOT NULL,
    csrf_token   VARCHAR(64)                 NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT hw_session_pk PRIMARY KEY (token_hash),
    CONSTRAINT hw_session_user_fk FOREIGN KEY (username) REFERENCES hw_user (username)
);
CREATE INDEX hw_session_user_ix ON hw_session (username);
CREATE INDEX hw_session_expires_ix ON hw_session (expires_at);

-- failed logins per throttle key: 'user:<username>' or 'address:<client address>'
CREATE TABLE hw_login_throttle (
    throttle_key  VARCHAR(300)                NOT NULL,
    failures      INTEGER                     NOT NULL,
    last_failure  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    blocked_until TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT hw_login_throttle_pk PRIMARY KEY (throttle_key)
);

CREATE TABLE hw_api_token (
    id           UUID                        NOT NULL,
    token_hash   VARCHAR(64)                 NOT NULL,
    username     VARCHAR(100)                NOT NULL,
    label        VARCHAR(200)                NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT hw_api_token_pk PRIMARY KEY (id),
    CONSTRAINT hw_api_token_hash_uq UNIQUE (token_hash),
    CONSTRAINT hw_api_token_user_fk FOREIGN KEY (username) REFERENCES hw_user (username)
);

-- The audit trail: append-only (the code has no update or delete of it), hash-chained: row_hash is the hex
-- SHA-256 of prev_hash and the row's canonical content (see AuditLog). Rows are numbered without gaps.
CREATE TABLE hw_audit (
    seq         BIGINT                      NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)                NOT NULL,
    action      VARCHAR(40)                 NOT NULL,
    case_id     UUID,
    detail      VARCHAR                     NOT NULL,
    prev_hash   VARCHAR(64)                 NOT NULL,
    row_hash    VARCHAR(64)                 NOT NULL,
    CONSTRAINT hw_audit_pk PRIMARY KEY (seq)
);
CREATE INDEX hw_audit_case_ix ON hw_audit (case_id, seq);

-- The head of the chain: one row, locked by every append, so that appends from every node queue in the database
-- and each links to the one before. Starts at the genesis hash (64 zeros).
CREATE TABLE hw_audit_head (
    id        INTEGER     NOT NULL,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    CONSTRAINT hw_audit_head_pk PRIMARY KEY (id)
);
INSERT INTO hw_audit_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
