package io.homeward.store.internal;

import io.homeward.store.internal.security.SecurityConfiguration;
import java.lang.annotation.Annotation;

/** The production defaults of {@link SecurityConfiguration}, as SCR would pass them without configuration. */
public class TestSecurityConfiguration implements SecurityConfiguration {

    @Override
    public Class<? extends Annotation> annotationType() {
        return SecurityConfiguration.class;
    }

    @Override
    public int passwordIterations() {
        return 210_000;
    }

    @Override
    public int sessionIdleMinutes() {
        return 30;
    }

    @Override
    public int sessionMaxHours() {
        return 12;
    }

    @Override
    public int userFailuresAllowed() {
        return 5;
    }

    @Override
    public int addressFailuresAllowed() {
        return 20;
    }

    @Override
    public int maxBlockSeconds() {
        return 900;
    }
}
