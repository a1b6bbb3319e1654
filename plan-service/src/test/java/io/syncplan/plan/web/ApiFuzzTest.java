package io.syncplan.plan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Thousands of random and malformed requests to every endpoint: none may end in a 5xx, and none
 * that is refused may leave anything behind. The seed is printed, and can be set with {@code
 * -Dfuzz.seed=...} to replay a run.
 */
@PlanServiceTest
@TestPropertySource(properties = "syncplan.api.storage-test-timeout=1s")
class ApiFuzzTest {

  static final int REQUESTS = 3000;
  static final List<String> COLLECTIONS =
      List.of("plans", "storages", "runs", "api_keys", "revision_cleanups", "deliveries");

  @Value("${local.server.port}")
  int port;

  @Autowired ReactiveMongoTemplate mongo;

  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void randomAndMalformedRequestsNeverFailTheServerNorLeaveAnythingBehind() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("ApiFuzzTest seed: " + seed);
    Random random = new Random(seed);
    FuzzRequests requests = new FuzzRequests(random, seed());
    int refused = 0;
    for (int i = 0; i < REQUESTS; i++) {
      FuzzRequests.Request request = requests.next();
      // reads cannot store anything; their answers are still checked
      boolean write = !request.method().equals("GET");
      String before = write ? fingerprint() : null;
      HttpResponse<String> response = send(request);
      int status = response.statusCode();
      assertThat(status)
          .as("request %d (seed %d): %s -> %s", i, seed, request, abbreviate(response.body()))
          .satisfiesAnyOf(
              s -> assertThat(s).isLessThan(500),
              s -> assertThat(s == 504 && request.path().endsWith("/test")).isTrue());
      if (status >= 400) {
        refused++;
      }
      if (status >= 400 && write) {
        assertThat(fingerprint())
            .as(
                "request %d (seed %d) was refused with %d but changed the store: %s",
                i, seed, status, request)
            .isEqualTo(before);
      }
      if (status >= 400) {
        if (status != 401 && status != 405 && status != 404 && status != 406 && status != 415) {
          assertThat(response.headers().firstValue("Content-Type").orElse(""))
              .as("request %d -> %d: %s", i, status, request)
              .startsWith("application/problem+json");
        }
      }
    }
    assertThat(refused).as("the fuzzer mostly sends bad requests").isGreaterThan(REQUESTS / 2);
  }

  /** A plan and a storage that requests can name, so that paths reach the handlers. */
  private FuzzRequests.Known seed() throws Exception {
    HttpResponse<String> storage =
        send(
            new FuzzRequests.Request(
                "POST",
                "/api/v1/storages",
                "application/json",
                "{\"name\":\"fuzz-storage\",\"type\":\"sftp\",\"options\":{\"host\":\"127.0.0.1\"},"
                    + "\"secrets\":{\"pass\":\"p\"}}",
                true));
    HttpResponse<String> plan =
        send(
            new FuzzRequests.Request(
                "POST",
                "/api/v1/plans",
                "application/json",
                FuzzRequests.VALID_PLAN.replace("\"fuzz\"", "\"fuzz-seed\""),
                true));
    return new FuzzRequests.Known(id(plan.body()), id(storage.body()));
  }

  private static String id(String json) {
    int at = json.indexOf("\"id\":\"") + 6;
    return json.substring(at, json.indexOf('"', at));
  }

  private HttpResponse<String> send(FuzzRequests.Request request) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
            .timeout(Duration.ofSeconds(30));
    if (request.authenticated()) {
      builder.header("Authorization", PlanServiceTest.ADMIN);
    }
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    builder.method(
        request.method(),
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new AssertionError("no answer within 30s to " + request, e);
    }
  }

  /** Everything a request could leave behind: every document of every collection. */
  private String fingerprint() {
    List<String> parts = new ArrayList<>();
    for (String collection : COLLECTIONS) {
      parts.add(
          collection
              + "="
              + mongo
                  .getCollection(collection)
                  .flatMapMany(c -> reactor.core.publisher.Flux.from(c.find()))
                  .map(ApiFuzzTest::withoutRelayState)
                  .sort()
                  .collectList()
                  .block());
    }
    return String.join("\n", parts);
  }

  /**
   * A document as a request leaves it: the outbox empties in the background as the relay sends what
   * earlier requests accepted, which is no change a request made.
   */
  private static String withoutRelayState(Document document) {
    document.remove("outbox");
    document.remove("modifiedAt");
    return document.toJson();
  }

  private static String abbreviate(String text) {
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
