package io.homeward.store.internal.exchange;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * This deployment's exchange key pair (table {@code hw_exchange_key}, one row {@value #DEPLOYMENT}): Base64 of the
 * X.509 public and PKCS#8 private encodings of an Ed25519 key. Never changed once created; see {@link ExchangeKeys}.
 */
@Entity
@Immutable
@Table(name = "hw_exchange_key")
public class ExchangeKeyEntity {

    /** The id of the deployment's own key row. */
    static final String DEPLOYMENT = "deployment";

    @Id
    private String id;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ExchangeKeyEntity() {
        // for Hibernate
    }

    ExchangeKeyEntity(String publicKey, String privateKey, Instant createdAt) {
        this.id = DEPLOYMENT;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
    }

    String publicKey() {
        return publicKey;
    }

    String privateKey() {
        return privateKey;
    }
}
