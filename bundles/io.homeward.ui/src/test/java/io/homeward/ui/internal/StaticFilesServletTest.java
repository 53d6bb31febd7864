package io.homeward.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class StaticFilesServletTest {

    @Test
    void theRootIsTheAppsPage() {
        assertEquals("/index.html", StaticFilesServlet.resolve(request("/")));
        assertEquals("/index.html", StaticFilesServlet.resolve(request("")));
    }

    @Test
    void shippedFileTypesAreServedByTheirPath() {
        assertEquals("/js/views/case.js", StaticFilesServlet.resolve(request("/js/views/case.js")));
        assertEquals("/app.css", StaticFilesServlet.resolve(request("/app.css")));
    }

    @Test
    void nothingOutsideTheUiFolderNorOfAnotherTypeIsServed() {
        assertNull(StaticFilesServlet.resolve(request("/js/../../OSGI-INF/x.js")));
        assertNull(StaticFilesServlet.resolve(request("/%2e%2e/x.js")));
        assertNull(StaticFilesServlet.resolve(request("//etc/x.js")));
        assertNull(StaticFilesServlet.resolve(request("/io/homeward/ui/internal/StaticFilesServlet.class")));
        assertNull(StaticFilesServlet.resolve(request("/js")));
        assertNull(StaticFilesServlet.resolve(request("/js.d/readme")));
    }

    /** A request to the default servlet: the whole path is the servlet path and there is no path info. */
    private static HttpServletRequest request(String path) {
        return (HttpServletRequest) Proxy.newProxyInstance(StaticFilesServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> path;
                    case "getPathInfo" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
