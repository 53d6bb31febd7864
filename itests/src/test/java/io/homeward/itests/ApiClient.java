package io.homeward.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the REST API of a running instance: real requests over the loopback. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, ETag (or null) and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, String etag, JsonNode body) {
    }

    private final HomewardInstance instance;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(HomewardInstance instance) {
        this.instance = instance;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(instance.uri(path)).GET());
    }

    public Response post(String path, Object body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        return new Response(response.statusCode(), response.headers().firstValue("ETag").orElse(null), body);
    }

}
