package io.homeward.store.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of authentication, PID {@value #PID} (in a distribution: {@code etc/io.homeward.security.cfg}).
 * The defaults suit production; every value has a floor that configuration cannot go below.
 */
@ObjectClassDefinition(name = "Homeward authentication",
        description = "Password hashing, session lifetimes and login throttling.")
public @interface SecurityConfiguration {

    /** The configuration PID. */
    String PID = "io.homeward.security";

    @AttributeDefinition(name = "PBKDF2 iterations", min = "210000",
            description = "Work factor of new password hashes; existing hashes keep theirs")
    int passwordIterations() default 210_000;

    @AttributeDefinition(name = "Session idle timeout (minutes)", min = "1")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(name = "Session lifetime (hours)", min = "1",
            description = "A session ends this long after login, however busy")
    int sessionMaxHours() default 12;

    @AttributeDefinition(name = "Failed logins per username before throttling", min = "1")
    int userFailuresAllowed() default 5;

    @AttributeDefinition(name = "Failed logins per client address before throttling", min = "1",
            description = "Higher than per username: staff of one office may share an address")
    int addressFailuresAllowed() default 20;

    @AttributeDefinition(name = "Longest login block (seconds)", min = "1")
    int maxBlockSeconds() default 900;
}
