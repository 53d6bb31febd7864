package io.homeward.store.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the case store, PID {@value #PID} (in a distribution: {@code etc/io.homeward.store.cfg}).
 * With no configuration at all the store uses an H2 file database under the platform's data folder. Keys:
 * {@code url}, {@code user}, {@code .password}, {@code poolSize}, {@code attachmentMaxBytes}.
 */
@ObjectClassDefinition(name = "Homeward case store",
        description = "The database that holds the cases.")
public @interface StoreConfiguration {

    /** The configuration PID. */
    String PID = "io.homeward.store";

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "e.g. jdbc:postgresql://db:5432/homeward; empty means the H2 file database "
                    + "<homeward.data>/db/homeward")
    String url() default "";

    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    /**
     * The password, configuration key {@code .password}: the leading dot (spelled {@code _} here) keeps it out
     * of the service properties that SCR copies from the configuration, where anyone could list it.
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "Pool size", min = "1", description = "Most connections open at once")
    int poolSize() default 10;

    /** Largest attachment the store accepts; it is kept in the database, so the limit protects the database too. */
    @AttributeDefinition(name = "Largest attachment (bytes)", min = "1",
            description = "Larger files are refused (HTTP 413) without being read to their end")
    long attachmentMaxBytes() default DEFAULT_ATTACHMENT_MAX_BYTES;

    /** 10 MiB: a scanned document or a few photographs. */
    long DEFAULT_ATTACHMENT_MAX_BYTES = 10L * 1024 * 1024;
}
