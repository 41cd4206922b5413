package com.example.paymentflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * An operator at the operations API, actuator and console: HTTP Basic with the given credentials (none when the
 * user name is null), and cookies kept like a browser keeps them (the console's CSRF token comes as one).
 */
public final class OperatorClient {

    public static final String USERNAME = "operator";
    public static final String PASSWORD = "test-operator-password";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    private OperatorClient(String baseUrl, String username, String password) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(cookies)
                .build();
        this.baseUrl = baseUrl;
        this.authorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(UTF_8));
    }

    /** The operator of the test configuration. */
    public static OperatorClient operator(String baseUrl) {
        return new OperatorClient(baseUrl, USERNAME, PASSWORD);
    }

    public static OperatorClient withCredentials(String baseUrl, String username, String password) {
        return new OperatorClient(baseUrl, username, password);
    }

    public static OperatorClient anonymous(String baseUrl) {
        return new OperatorClient(baseUrl, null, null);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A POST as the operations API takes it: JSON, no body. */
    public HttpResponse<String> post(String path) {
        return post(path, "application/json", "");
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** A JSON POST with no body and no Content-Length at all, as {@code curl -X POST} sends it. */
    public RawHttpConnection.Answer postWithoutContentLength(String path) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        try (RawHttpConnection connection = RawHttpConnection.open(URI.create(baseUrl).getPort(),
                Duration.ofSeconds(30))) {
            return connection.exchange(head.getBytes(UTF_8));
        }
    }

    /** The request as this operator sends it, for headers of the caller's choosing. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a cookie this client has been given, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
