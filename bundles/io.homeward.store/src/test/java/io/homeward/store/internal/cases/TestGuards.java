package io.homeward.store.internal.cases;

import io.homeward.casemodel.spi.CaseGuard;

/** Binds a center's guard to a {@link CaseServiceImpl}, as SCR does, for tests of the domains built on cases. */
public final class TestGuards {

    private TestGuards() {
    }

    /** @param plugin the symbolic name and version of the plugin that registered the guard */
    public static void bind(CaseServiceImpl cases, String centerId, String plugin, CaseGuard guard) {
        cases.addGuard(centerId, plugin, guard);
    }
}
