package io.homeward.itests.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Until the platform serves {@code /api/v1/session} (authentication is being built beside the UI), this proxy in
 * front of the instance answers that one resource by its agreed contract for one user, and passes everything else
 * through unchanged, so that the browser tests exercise the UI's login, language and logout flows now. Once the
 * platform answers the session itself, {@link BrowserIT} talks to it directly and this class goes.
 */
final class SessionStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private final Map<String, Object> user;
    private final String password;
    private volatile boolean signedIn;
    private volatile String language;

    SessionStandIn(URI target, Map<String, Object> user, String password) throws IOException {
        this.target = target;
        this.user = user;
        this.password = password;
        this.language = (String) user.get("language");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/api/v1/session")) {
                session(exchange, body);
            } else {
                forward(exchange, body);
            }
        }
    }

    private void session(HttpExchange exchange, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("POST")) {
            JsonNode credentials = JSON.readTree(body);
            signedIn = user.get("username").equals(credentials.path("username").asText())
                    && password.equals(credentials.path("password").asText());
            language = (String) user.get("language");
            reply(exchange, signedIn ? 200 : 401, signedIn ? session() : Map.of("status", 401, "detail", "bad credentials"));
        } else if (method.equals("DELETE")) {
            signedIn = false;
            exchange.sendResponseHeaders(204, -1);
        } else if (!signedIn) {
            reply(exchange, 401, Map.of("status", 401, "detail", "not signed in"));
        } else if (method.equals("PUT")) {
            language = JSON.readTree(body).path("language").asText();
            reply(exchange, 200, session());
        } else {
            reply(exchange, 200, session());
        }
    }

    private Map<String, Object> session() {
        Map<String, Object> current = new java.util.HashMap<>(user);
        current.put("language", language);
        return Map.of("user", current, "csrfToken", "stand-in");
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] bytes = response.body();
        exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
