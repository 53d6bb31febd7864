package io.homeward.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequirementsTest {

    @Test
    void rendersVersionRangesOfFiltersInOsgiNotation() {
        assertEquals("[1.0.0,2.0.0)", Requirements.range("(&(osgi.wiring.package=a)(version>=1.0.0)(!(version>=2.0.0)))"));
        assertEquals("(1.0.0,2.0.0]", Requirements.range("(&(osgi.wiring.package=a)(!(version<=1.0.0))(version<=2.0.0))"));
        assertEquals("[1.2.0,∞)", Requirements.range("(&(osgi.wiring.package=a)(version>=1.2.0))"));
        assertEquals("17", Requirements.range("(&(osgi.ee=JavaSE)(version=17))"));
        assertEquals("", Requirements.range("(osgi.wiring.package=a)"));
    }
}
