package io.syncplan.plan.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A run test's stage, with the test playing the executor (and the scheduler and notification
 * service) over the real broker: plans created through the API, the commands plan-service sends to
 * pool {@value #POOL} read from its topic, and events sent back as those services send them.
 */
final class RunScenario implements AutoCloseable {

  static final String POOL = "default";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final WebTestClient http;
  private final KafkaRecorder kafka;

  private RunScenario(WebTestClient http, KafkaRecorder kafka) {
    this.http = http;
    this.kafka = kafka;
  }

  /**
   * Records the pool's commands, and the other topics named, from their beginning.
   *
   * @param http a client plan-service accepts, as the test's caller
   */
  static RunScenario start(
      WebTestClient http,
      CommandTopics commandTopics,
      TestInfrastructure infrastructure,
      String... otherTopics) {
    commandTopics.ensure(POOL).block();
    String[] topics =
        Stream.concat(Stream.of(Topics.commands(POOL)), Stream.of(otherTopics))
            .toArray(String[]::new);
    return new RunScenario(http, KafkaRecorder.record(infrastructure.bootstrapServers(), topics));
  }

  /**
   * Creates a plan from {@code /data/<name>} to {@code /backup/<name>} and answers its id.
   *
   * @param moreFields further members of the plan's JSON, such as {@code "tags":["a"]}; "" for none
   */
  String createPlan(String name, String mode, String moreFields) {
    String more = moreFields.isEmpty() ? "" : "," + moreFields;
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
                 "mode":"%s"%s}
                """
                    .formatted(name, name, name, mode, more))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  /** Asks for a run of the plan now, with this body, and answers the run's id. */
  String runNow(String planId, String body) {
    return accepted("/api/v1/plans/{id}/runs", planId, body);
  }

  /** Asks for a dry run of the plan now and answers the run's id. */
  String dryRun(String planId) {
    return accepted("/api/v1/plans/{id}/dry-run", planId, "{}");
  }

  private String accepted(String uri, String planId, String body) {
    return (String)
        http.post()
            .uri(uri, planId)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  /** Sends a run event, as an executor does. */
  void send(Message payload) {
    send(Topics.RUN_EVENTS, payload);
  }

  void send(String topic, Message payload) {
    kafka.send(topic, Envelope.wrap(UUID.randomUUID(), payload, "test-executor", Instant.now()));
  }

  /** Waits for the command of this run on the pool's topic. */
  RunRequested command(String runId) {
    return command(RunRequested.class, requested -> requested.runId().equals(runId));
  }

  /** Waits for the first message of this type the predicate takes on the recorded topics. */
  <T extends Message> T command(Class<T> type, Predicate<T> which) {
    return type.cast(
        kafka
            .awaitEnvelope(
                e -> type.isInstance(e.payload()) && which.test(type.cast(e.payload())),
                COMMAND_TIMEOUT)
            .payload());
  }

  /** Everything read from the recorded topics so far. */
  List<Envelope<Message>> envelopes() {
    return kafka.envelopes();
  }

  /** The value of the plan's gauge in a scrape now, or "absent". */
  String gauge(String name, String planId) {
    String scrape =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(line -> line.contains("plan_id=\"" + planId + "\""))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("absent");
  }

  @Override
  public void close() {
    kafka.close();
  }
}
