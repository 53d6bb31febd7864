package io.homeward.store.internal.exchange;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys and detached signatures, from the JDK alone. Keys travel as Base64 of their standard encodings
 * (X.509 SubjectPublicKeyInfo for public keys, PKCS#8 for private keys), signatures as Base64 of their 64 bytes.
 * Thread-safe: every call uses fresh JCA objects.
 */
final class ExchangeKeys {

    static final String ALGORITHM = "Ed25519";

    private ExchangeKeys() {
    }

    /** @return a new key pair */
    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
        }
    }

    static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * @param base64 Base64 of the X.509 encoding, as {@link #encode(PublicKey)} writes it
     * @throws IllegalArgumentException naming what is wrong, when it is no Ed25519 public key
     */
    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64.strip())));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in Base64 of its X.509 encoding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
        }
    }

    static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored exchange key is not an Ed25519 private key", e);
        }
    }

    /** @return the signature of the bytes */
    static byte[] sign(PrivateKey key, byte[] content) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed", e);
        }
    }

    /** @return whether the signature is the key's over exactly these bytes; false for a malformed signature */
    static boolean verify(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("verifying with Ed25519 failed", e);
        }
    }
}
