package io.homeward.center.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Limits on calls into plugin code (PID {@value #PID}), e.g. {@code etc/io.homeward.center.plugincalls.cfg}:
 * <pre>
 * timeLimitMillis = 2000
 * callsPerPlugin = 8
 * maxThreads = 64
 * faultWindowMinutes = 10
 * </pre>
 * Changes apply to the next call, without restarting anything.
 */
@ObjectClassDefinition(name = "Homeward plugin calls", description = "Time limit and thread limits for calls into center plugins")
public @interface PluginCallsConfiguration {

    String PID = "io.homeward.center.plugincalls";

    @AttributeDefinition(description = "Longest time a hook may take, waiting for a free call slot included, before the operation fails")
    int timeLimitMillis() default 2000;

    @AttributeDefinition(description = "Calls into one plugin bundle that may run at once; a hung hook holds its slot until it returns")
    int callsPerPlugin() default 8;

    @AttributeDefinition(description = "Threads for plugin calls across all plugins")
    int maxThreads() default 64;

    @AttributeDefinition(description = "Faults this recent are listed in GET /health")
    int faultWindowMinutes() default 10;
}
