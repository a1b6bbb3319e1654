package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
class PlanApiTest {

  static final String DOCS_PLAN =
      """
      {"name":"docs","source":{"path":"/data/docs"},"destination":{"path":"/backup/docs"},
       "mode":"MIRROR","schedule":{"type":"INTERVAL","everyMinutes":15},
       "notifications":{"webhooks":[{"url":"https://hooks.example.com:9000/hook"}]}}
      """;

  @Autowired WebTestClient http;
  @Autowired ReactiveMongoTemplate mongo;
  KafkaRecorder planEvents;

  @BeforeEach
  void recordPlanEvents(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    planEvents = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.PLAN_EVENTS);
  }

  @AfterEach
  void stopRecording() {
    planEvents.close();
  }

  @Test
  void createdPlanIsStoredReadBackAndPublished() {
    Map<?, ?> created =
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(DOCS_PLAN)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .exists("Location")
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = (String) created.get("id");
    assertThat(created.get("name")).isEqualTo("docs");
    assertThat(created.get("mode")).isEqualTo("MIRROR");

    http.get()
        .uri("/api/v1/plans/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.source.path")
        .isEqualTo("/data/docs")
        .jsonPath("$.destination.path")
        .isEqualTo("/backup/docs")
        .jsonPath("$.schedule.everyMinutes")
        .isEqualTo(15)
        .jsonPath("$.notifications.webhooks[0].host")
        .isEqualTo("hooks.example.com:9000");

    http.get()
        .uri("/api/v1/plans?size=500")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[?(@.id == '" + id + "')].name")
        .isEqualTo("docs");

    Envelope<Message> event =
        planEvents.awaitEnvelope(e -> e.planId().equals(id), Duration.ofSeconds(20));
    assertThat(event.type()).isEqualTo("plan.changed");
    assertThat(event.producer()).isEqualTo("plan-service");
    PlanChanged changed = (PlanChanged) event.payload();
    assertThat(changed.change()).isEqualTo(PlanChange.CREATED);
    assertThat(changed.plan().mode()).isEqualTo(SyncMode.MIRROR);
    assertThat(changed.plan().version()).isEqualTo(1);
  }

  @Test
  void schedulePreviewListsTheNextFireTimesAsTheSchedulerWillFireThem() {
    // 29 March 2026 in Berlin has no 02:30: that day's run fires at 03:30, once.
    preview(
            "?count=3&after=2026-03-27T12:00:00Z",
            "{\"type\":\"DAILY\",\"time\":\"02:30\",\"timeZone\":\"Europe/Berlin\"}")
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            """
            {"timeZone":"Europe/Berlin","fireTimes":["2026-03-28T02:30:00+01:00",
             "2026-03-29T03:30:00+02:00","2026-03-30T02:30:00+02:00"]}
            """);
    Map<?, ?> fiveByDefault =
        preview("", "{\"type\":\"MONTHLY\",\"dayOfMonth\":31,\"time\":\"06:00\"}")
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat((List<?>) fiveByDefault.get("fireTimes")).hasSize(5);
  }

  @Test
  void schedulePreviewRefusesAnInvalidScheduleLikeAPlan() {
    preview("?count=101", "{\"type\":\"MONTHLY\",\"dayOfMonth\":32,\"time\":\"6 am\"}")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(fields -> assertThat(fields).asString().contains("dayOfMonth", "time"));
    preview("?count=101", "{\"type\":\"HOURLY\",\"minute\":0}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("count");
  }

  private WebTestClient.ResponseSpec preview(String query, String schedule) {
    return http.post()
        .uri("/api/v1/schedules/preview" + query)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(schedule)
        .exchange();
  }

  @Test
  @SuppressWarnings("unchecked")
  void invalidPlanIsRefusedWithEveryOffendingFieldAndNothingIsStoredOrPublished() {
    long plansBefore =
        mongo
            .count(new org.springframework.data.mongodb.core.query.Query(), PlanDocument.class)
            .block();
    String body =
        """
        {"source":{"path":"relative/path"},"destination":{"path":"-rf"},
         "mode":"TELEPORT","schedule":{"type":"INTERVAL","everyMinutes":0}}
        """;

    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .contains(
                        "name",
                        "mode",
                        "source.path",
                        "destination.path",
                        "schedule.everyMinutes"));

    assertThat(
            mongo
                .count(new org.springframework.data.mongodb.core.query.Query(), PlanDocument.class)
                .block())
        .isEqualTo(plansBefore);
  }

  @Test
  void pathsWithControlCharactersDotDotOrEmptyAreRefused() {
    for (String path : List.of("", "/data/a\\u0000b", "/data/a\\nb", "/data/../etc")) {
      String body = DOCS_PLAN.replace("\"/data/docs\"", "\"" + path + "\"");
      http.post()
          .uri("/api/v1/plans")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("source.path");
    }
  }

  @Test
  void aBandwidthRcloneWouldRefuseIsRefusedPointingAtTheBadPartAndAGoodOneIsKept() {
    String bad =
        DOCS_PLAN
            .replace("\"docs\"", "\"bw-bad\"")
            .replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"performance\":{\"bandwidth\":\"08:00,512k 25:00,off\"}");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(bad)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("performance.bandwidth")
        .jsonPath("$.errors[0].message")
        .isEqualTo("'25:00' is not a time of day: write HH:MM, 00:00 to 23:59");
    assertThat(mongo.exists(query(where("plan.name").is("bw-bad")), PlanDocument.class).block())
        .isFalse();

    String good = bad.replace("bw-bad", "bw-good").replace("25:00,off", "Sat-00:00,10M:1M");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(good)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.performance.bandwidth")
        .isEqualTo("08:00,512k Sat-00:00,10M:1M");
  }

  @Test
  void hooksNameThePoolsCommandsAndAreShownWithThePlan() {
    String body =
        DOCS_PLAN
            .replace("\"docs\"", "\"hooked\"")
            .replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"hooks\":["
                    + "{\"on\":\"BEFORE\",\"timeout\":\"5m\",\"abortOnError\":true,"
                    + "\"command\":\"snapshot-db\"},"
                    + "{\"on\":\"AFTER_FAILURE\",\"timeout\":\"30s\","
                    + "\"command\":\"notify-team\"}]");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.hooks[0].on")
        .isEqualTo("BEFORE")
        .jsonPath("$.hooks[0].timeout")
        .isEqualTo("PT5M")
        .jsonPath("$.hooks[0].abortOnError")
        .isEqualTo(true)
        .jsonPath("$.hooks[0].command")
        .isEqualTo("snapshot-db")
        .jsonPath("$.hooks[1].on")
        .isEqualTo("AFTER_FAILURE")
        .jsonPath("$.hooks[1].abortOnError")
        .isEqualTo(false);
  }

  @Test
  void hooksTheOperatorDoesNotAllowAreRefusedNamingTheFieldAndNothingIsStored() {
    String body =
        DOCS_PLAN
            .replace("\"docs\"", "\"badly-hooked\"")
            .replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"hooks\":["
                    + "{\"on\":\"BEFORE\",\"timeout\":\"5m\",\"command\":\"rm-rf\"},"
                    + "{\"on\":\"BEFORE\",\"timeout\":\"2h\",\"command\":\"snapshot-db\"},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"1m\",\"abortOnError\":true,"
                    + "\"command\":\"notify-team\"},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"1m\",\"command\":\"sh -c 'curl x'\"}]");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("hooks[3].command")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be the name of a hook command: lower-case letters, digits or '-'");

    String named =
        body.replace(",{\"on\":\"AFTER\",\"timeout\":\"1m\",\"command\":\"sh -c 'curl x'\"}", "");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(named)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("hooks[0].command")
        .jsonPath("$.errors[0].message")
        .isEqualTo(
            "the pool 'default' offers no hook command 'rm-rf' (it offers notify-team,"
                + " snapshot-db)")
        .jsonPath("$.errors[1].field")
        .isEqualTo("hooks[1].timeout")
        .jsonPath("$.errors[1].message")
        .isEqualTo("must be at most 1800 s, the operator's maximum (syncplan.api.hook-max-timeout)")
        .jsonPath("$.errors[2].field")
        .isEqualTo("hooks[2].abortOnError");
    assertThat(
            mongo.exists(query(where("plan.name").is("badly-hooked")), PlanDocument.class).block())
        .isFalse();
  }

  @Test
  void httpHooksOfTheWrongShapeAreRefusedNamingTheFieldAndNothingIsStored() {
    String body =
        DOCS_PLAN
            .replace("\"docs\"", "\"badly-http-hooked\"")
            .replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"hooks\":["
                    + "{\"on\":\"BEFORE\",\"timeout\":\"1m\",\"command\":\"snapshot-db\","
                    + "\"http\":{\"url\":\"https://ci.example.com/x\"}},"
                    + "{\"on\":\"BEFORE\",\"timeout\":\"1m\"},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"1m\","
                    + "\"http\":{\"url\":\"https://ci.example.com/x\",\"method\":\"DELETE\"}},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"2h\","
                    + "\"http\":{\"url\":\"https://ci.example.com/x\"}},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"1m\","
                    + "\"http\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}},"
                    + "{\"on\":\"AFTER\",\"timeout\":\"1m\",\"http\":{"
                    + "\"url\":\"https://ci.example.com/x\","
                    + "\"headers\":{\"X-Syncplan-Signature\":\"forged\"}}}]");
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("hooks[0]")
        .jsonPath("$.errors[1].field")
        .isEqualTo("hooks[1]")
        .jsonPath("$.errors[2].field")
        .isEqualTo("hooks[2].http.method")
        .jsonPath("$.errors[2].message")
        .isEqualTo("must be one of POST, PUT")
        .jsonPath("$.errors[3].field")
        .isEqualTo("hooks[3].timeout")
        .jsonPath("$.errors[4].field")
        .isEqualTo("hooks[4].http.url")
        .jsonPath("$.errors[4].message")
        .value(message -> assertThat((String) message).contains("network policy"))
        .jsonPath("$.errors[5].field")
        .isEqualTo("hooks[5].http.headers")
        .jsonPath("$.errors.length()")
        .isEqualTo(6);

    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            DOCS_PLAN
                .replace("\"docs\"", "\"badly-http-hooked\"")
                .replace(
                    "\"mode\":\"MIRROR\"",
                    "\"mode\":\"MIRROR\",\"hooks\":[{\"on\":\"AFTER\",\"timeout\":\"1m\","
                        + "\"http\":{\"url\":\"ftp://ci.example.com/x\"}}]"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("hooks[0].http.url")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be an http or https URL");
    assertThat(
            mongo
                .exists(query(where("plan.name").is("badly-http-hooked")), PlanDocument.class)
                .block())
        .isFalse();
  }

  @Test
  void theAccessCheckIsRefusedOnAOneWayPlan() {
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            DOCS_PLAN.replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"deletionGuard\":{\"checkAccess\":true}"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("deletionGuard.checkAccess")
        .jsonPath("$.errors[0].message")
        .isEqualTo("applies to BISYNC plans only");
  }

  @Test
  void bodyThatIsNotJsonGetsAProblem() {
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{not json")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("the body is not valid JSON");
  }

  @Test
  void unknownFieldsAreRefused() {
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(DOCS_PLAN.replace("\"name\":\"docs\"", "\"name\":\"docs\",\"colour\":\"red\""))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("colour");
  }

  @Test
  void unknownPlanGetsNotFoundProblem() {
    http.get()
        .uri("/api/v1/plans/no-such-plan")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("No plan with id no-such-plan");
  }
}
