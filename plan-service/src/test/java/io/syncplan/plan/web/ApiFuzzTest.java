package io.syncplan.plan.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Thousands of random and malformed requests to every endpoint, one after the other over the
 * client's pooled keep-alive connections: none may end in a 5xx or go unanswered, and none that is
 * refused may leave anything behind. The seed is printed, and can be set with {@code
 * -Dfuzz.seed=...} to replay a run. On a database of its own: runs other test classes leave waiting
 * are asked after in the background once stale, and such a write during a refused request would
 * read as the request's doing.
 */
@PlanServiceTest
@TestPropertySource(
    properties = {
      "spring.mongodb.database=syncplan-plans-fuzz",
      "syncplan.api.storage-test-timeout=1s"
    })
class ApiFuzzTest {

  /** {@code -Dfuzz.requests=20000} for a longer run, such as a soak of keep-alive connections. */
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 2000);

  static final List<String> COLLECTIONS =
      List.of("plans", "storages", "runs", "api_keys", "revision_cleanups", "deliveries");

  @Value("${local.server.port}")
  int port;

  @Autowired ReactiveMongoTemplate mongo;

  @Autowired WebTestClient http;

  @Test
  void randomAndMalformedRequestsNeverFailTheServerNorLeaveAnythingBehind() {
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
      Answer response = send(request);
      int status = response.status();
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
          assertThat(response.contentType())
              .as("request %d -> %d: %s", i, status, request)
              .startsWith("application/problem+json");
        }
      }
    }
    assertThat(refused).as("the fuzzer mostly sends bad requests").isGreaterThan(REQUESTS / 2);
  }

  /** A plan and a storage that requests can name, so that paths reach the handlers. */
  private FuzzRequests.Known seed() {
    Answer storage =
        send(
            new FuzzRequests.Request(
                "POST",
                "/api/v1/storages",
                "application/json",
                "{\"name\":\"fuzz-storage\",\"type\":\"sftp\",\"options\":{\"host\":\"sftp.example.com\"},"
                    + "\"secrets\":{\"pass\":\"p\"}}",
                true));
    Answer plan =
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

  /** What the server answered. */
  record Answer(int status, String contentType, String body) {}

  private Answer send(FuzzRequests.Request request) {
    WebTestClient.RequestBodySpec spec =
        http.method(HttpMethod.valueOf(request.method()))
            .uri(URI.create("http://127.0.0.1:" + port + request.path()));
    if (request.authenticated()) {
      spec.header("Authorization", PlanServiceTest.ADMIN);
    }
    if (request.contentType() != null) {
      spec.header("Content-Type", request.contentType());
    }
    WebTestClient.RequestHeadersSpec<?> ready =
        request.body() == null ? spec : spec.bodyValue(request.body());
    EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
    MediaType type = result.getResponseHeaders().getContentType();
    byte[] body = result.getResponseBody();
    return new Answer(
        result.getStatus().value(),
        type == null ? "" : type.toString(),
        body == null ? "" : new String(body, StandardCharsets.UTF_8));
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
    document.remove("outboxBytes");
    document.remove("modifiedAt");
    document.remove("relayLease");
    return document.toJson();
  }

  private static String abbreviate(String text) {
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
