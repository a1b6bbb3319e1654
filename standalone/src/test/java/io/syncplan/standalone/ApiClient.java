package io.syncplan.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the syncplan API, as a user's script would call it. */
final class ApiClient {

  record Response(
      int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;

  ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response patch(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          body,
          response.headers());
    } catch (java.net.http.HttpTimeoutException e) {
      // The stack runs in this JVM: what its threads were doing says why it did not answer.
      java.util.Arrays.stream(
              java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
          .forEach(System.err::print);
      throw new IllegalStateException("request timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
