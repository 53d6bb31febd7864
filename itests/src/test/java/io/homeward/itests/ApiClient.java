package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client for the REST API of a running instance: real requests over the loopback. It authenticates
 * the way integrations do, with a bearer token ({@link #forCenter}, {@link #withToken}), or the way the web UI does,
 * with the session cookie and the CSRF token it sends on every state-changing request ({@link #login}); a client
 * made with the constructor sends no credentials at all.
 */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BEARER = Pattern.compile("bearer token \\(shown only now\\): (\\S+)");

    /** One answer: status, ETag (or null), the body parsed as JSON (null when empty or not JSON) and headers. */
    public record Response(int status, String etag, JsonNode body, HttpHeaders headers) {
        public Response(int status, String etag, JsonNode body) {
            this(status, etag, body, HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        /** @return the value of a header, or null */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HomewardInstance instance;
    private final HttpClient http;
    private final String bearer;
    private volatile String csrfToken;

    /** An anonymous client: no credentials, no cookies kept. */
    public ApiClient(HomewardInstance instance) {
        this(instance, null);
    }

    private ApiClient(HomewardInstance instance, String bearer) {
        this.instance = instance;
        this.bearer = bearer;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager())
                .build();
    }

    /** A client sending {@code Authorization: Bearer token}. */
    public static ApiClient withToken(HomewardInstance instance, String token) {
        return new ApiClient(instance, token);
    }

    /**
     * Creates the user {@code <center>.itest} (a supervisor of the center) through the admin console, unless it
     * exists, issues it a bearer token and returns a client using it.
     */
    public static ApiClient forCenter(HomewardInstance instance, String center) {
        String username = center + ".itest";
        HomewardInstance.Result users = instance.client("user:list");
        if (!users.output().contains(username + " ")) {
            HomewardInstance.Result added = instance.client("user:add", username, center, "SUPERVISOR");
            assertEquals(0, added.status(), added.output());
        }
        return withToken(instance, issueToken(instance, username));
    }

    /** Issues a bearer token to an existing user through the admin console; returns its secret. */
    public static String issueToken(HomewardInstance instance, String username) {
        HomewardInstance.Result issued = instance.client("user:token-issue", username, "itests");
        Matcher token = BEARER.matcher(issued.output());
        assertTrue(issued.status() == 0 && token.find(), issued.output());
        return token.group(1);
    }

    /** Logs in with the session cookie, keeping the cookie and the CSRF token for the requests that follow. */
    public Response login(String username, String password) throws IOException, InterruptedException {
        Response response = post("/api/v1/session", Map.of("username", username, "password", password));
        if (response.status() == 200) {
            csrfToken = response.body().get("csrfToken").asText();
        }
        return response;
    }

    /** Forgets the CSRF token, so that the next state-changing request goes without one (as a forged one would). */
    public void forgetCsrfToken() {
        csrfToken = null;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(instance.uri(path)).GET());
    }

    public Response delete(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).DELETE();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response post(String path, Object body, String... headers) throws IOException, InterruptedException {
        return send(withBody(path, "POST", body, headers));
    }

    public Response put(String path, Object body, String... headers) throws IOException, InterruptedException {
        return send(withBody(path, "PUT", body, headers));
    }

    /**
     * Sends a JSON body (a String is sent as it is, anything else as its JSON) with any method.
     *
     * @param headers names and values, in pairs
     */
    public Response send(String method, String path, Object body, String... headers)
            throws IOException, InterruptedException {
        return send(withBody(path, method, body, headers));
    }

    /** Sends any body with any method and content type (null: no Content-Type header). */
    public Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** @return the raw answer to a GET: status, headers and the body's bytes */
    public HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return http.send(authenticated(HttpRequest.newBuilder(instance.uri(path)).GET()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Announces an upload of {@code length} bytes with {@code Expect: 100-continue} and sends the body only if the
     * server asks for it (over a plain socket: the JDK 17 client waits forever for a 100 that never comes).
     * Authenticates with the bearer token only.
     *
     * @return the final status and the body parsed as JSON (null if not JSON); throws if the server asks for the body
     */
    public Response announceUpload(String path, String contentType, long length) throws IOException {
        Response answer = sendRaw("POST", path, "Content-Type: " + contentType + "\r\nContent-Length: " + length
                + "\r\nExpect: 100-continue\r\n", new byte[0]);
        if (answer.status() == 100) {
            throw new IOException("the server asked for the body");
        }
        return answer;
    }

    /**
     * Sends a request as raw bytes over a plain socket, for what the JDK client will not send (a broken chunked
     * body, a body that stops short), authenticated with the bearer token only, and reads the answer until the
     * server closes the connection.
     *
     * @param headers header lines, each ending in CRLF
     * @return the status and the body parsed as JSON (null if not JSON)
     */
    public Response sendRaw(String method, String path, String headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(instance.uri("/").getHost(), instance.port)) {
            socket.setSoTimeout(90_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                    + "Connection: close\r\n" + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String content = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            String type = answer.contains("application/problem+json") ? "application/problem+json" : "";
            return new Response(status, null, content.startsWith("{") ? JSON.readTree(content) : null,
                    HttpHeaders.of(Map.of("Content-Type", List.of(type)), (a, b) -> true));
        }
    }

    private HttpRequest.Builder withBody(String path, String method, Object body, String... headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                        : JSON.writeValueAsString(body)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.timeout(Duration.ofSeconds(30));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = authenticated(request).build();
        String token = csrfToken;
        if (token != null && !built.method().equals("GET") && built.headers().firstValue("X-CSRF-Token").isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("X-CSRF-Token", token).build();
        }
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        return new Response(response.statusCode(), response.headers().firstValue("ETag").orElse(null), body,
                response.headers());
    }
}
