package io.syncplan.plan.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Browsing a plan's history from the revision index the executors publish, and asking for restores
 * and verifications, with every bad request refused before a command leaves. This test plays the
 * executor over the real broker; the runs themselves are RestoreTest and VerifyTest (executor) and
 * the standalone stack's.
 */
@PlanServiceTest
class RestoreApiTest {

  static final String REVISION = "2026-11-26T09-15-30.123Z";
  static final Instant MADE_AT = Instant.parse("2026-11-26T09:15:30.123Z");

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RevisionIndex index;
  @Autowired RevisionFiles revisionFiles;
  WebTestClient admin;
  KafkaRecorder kafka;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    admin = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    commandTopics.ensure("default").block();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands("default"));
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @Test
  void theIndexThatExecutorsPublishIsBrowsedPagedAndAFolderAnExpiryRemovedLeavesIt() {
    String planId = createPlan("browsed");
    List<RevisionFile> files = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      files.add(file("docs/file-%02d.txt".formatted(i), 100 + i));
    }
    files.add(file("docs/report.txt", 7));
    files.add(file("other.txt", 5));
    String older = "2026-11-25T08-00-00.000Z";
    sendResult(
        new RevisionIndexed(
            planId,
            older,
            Instant.parse("2026-11-25T08:00:00Z"),
            "run-older",
            0,
            List.of(file("docs/report.txt", 3)),
            true,
            1,
            3));
    sendResult(
        new RevisionIndexed(
            planId, REVISION, MADE_AT, "run-1", 0, files.subList(0, 20), false, 32, 3000));
    // a part delivered twice is stored once
    sendResult(
        new RevisionIndexed(
            planId, REVISION, MADE_AT, "run-1", 0, files.subList(0, 20), false, 32, 3000));
    sendResult(
        new RevisionIndexed(
            planId, REVISION, MADE_AT, "run-1", 1, files.subList(20, 32), true, 32, 3000));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        page("/api/v1/plans/" + planId + "/revisions/" + REVISION + "/files")
                            .get("totalItems"))
                    .isEqualTo(32));
    Map<?, ?> revisions = page("/api/v1/plans/" + planId + "/revisions");
    assertThat(revisions.get("totalItems")).isEqualTo(2);
    List<?> items = (List<?>) revisions.get("items");
    assertThat(map(items.get(0)))
        .containsEntry("revision", REVISION)
        .containsEntry("runId", "run-1")
        .containsEntry("files", 32)
        .containsEntry("bytes", 3000);

    Map<?, ?> second =
        page(
            "/api/v1/plans/"
                + planId
                + "/revisions/"
                + REVISION
                + "/files?path=docs&page=1&size=10");
    assertThat(second.get("totalItems")).isEqualTo(31);
    assertThat(paths(second)).hasSize(10).first().isEqualTo("docs/file-10.txt");
    assertThat(
            paths(
                page(
                    "/api/v1/plans/"
                        + planId
                        + "/revisions/"
                        + REVISION
                        + "/files?path=other.txt")))
        .containsExactly("other.txt");

    // an executor of the pool says what the destination holds now
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    CompletableFuture<Void> executor =
        CompletableFuture.runAsync(
            () -> {
              CurrentVersionRequested asked =
                  (CurrentVersionRequested)
                      kafka
                          .awaitEnvelope(
                              e ->
                                  e.payload() instanceof CurrentVersionRequested r
                                      && r.planId().equals(planId),
                              Duration.ofSeconds(20))
                          .payload();
              sendResult(
                  new CurrentVersionFound(
                      asked.requestId(), planId, asked.path(), true, 42, now, null));
            });
    Map<?, ?> versions = page("/api/v1/plans/" + planId + "/versions?path=/docs/report.txt");
    executor.join();
    assertThat(map(versions.get("current")))
        .containsEntry("status", "FOUND")
        .containsEntry("size", 42)
        .containsEntry("modifiedAt", now.toString());
    List<?> kept = (List<?>) versions.get("kept");
    assertThat(kept).hasSize(2);
    assertThat(map(kept.get(0)))
        .containsEntry("revision", REVISION)
        .containsEntry("runId", "run-1")
        .containsEntry("size", 7);
    assertThat(map(kept.get(1))).containsEntry("revision", older);

    sendResult(new RevisionsCleaned(planId, null, 1, 1, null, List.of(older)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(page("/api/v1/plans/" + planId + "/revisions").get("totalItems"))
                    .isEqualTo(1));
    // no executor answers this time: the kept versions come alone
    Map<?, ?> alone = page("/api/v1/plans/" + planId + "/versions?path=docs/report.txt");
    assertThat((List<?>) alone.get("kept")).hasSize(1);
    assertThat(map(alone.get("current"))).containsEntry("status", "UNKNOWN");

    // a full re-index asked of the pool; the folders it no longer finds leave the index
    String requestId =
        (String)
            admin
                .post()
                .uri("/api/v1/plans/{id}/revisions/index", planId)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("requestId");
    kafka.awaitEnvelope(
        e -> e.payload() instanceof RevisionIndexRequested r && r.requestId().equals(requestId),
        Duration.ofSeconds(20));
    sendResult(new RevisionIndexCompleted(requestId, planId, List.of(), null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(page("/api/v1/plans/" + planId + "/revisions").get("totalItems"))
                    .isEqualTo(0));

    admin
        .get()
        .uri("/api/v1/plans/{id}/revisions/2026-01-01T00-00-00.000Z/files", planId)
        .exchange()
        .expectStatus()
        .isNotFound();
    // {0} the revision, {1} the path: expanded and encoded as a client would send them
    for (List<String> bad :
        List.of(
            List.of("not-a-revision", ""),
            List.of(REVISION, "docs/../../etc"),
            List.of(REVISION, ".syncplan/revisions"))) {
      admin
          .get()
          .uri("/api/v1/plans/{id}/revisions/{r}/files?path={p}", planId, bad.get(0), bad.get(1))
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    for (String bad : List.of("", "a\nb", "docs/./report.txt", "a\u0000b")) {
      admin
          .get()
          .uri("/api/v1/plans/{id}/versions?path={p}", planId, bad)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void aFolderIndexedInPartsIsPagedAcrossThemAndOneInTheEarlierLayoutIsReadUntilReindexed() {
    String planId = createPlan("parted");
    // sorted as the executors sort: "docs!x" lies between "a.txt" and "docs/..." yet not in docs
    List<RevisionFile> files = new ArrayList<>();
    files.add(file("a.txt", 1));
    files.add(file("docs!x", 2));
    for (int i = 1; i <= 7; i++) {
      files.add(file("docs/f0" + i, 10 + i));
    }
    files.add(file("e/f1", 3));
    files.add(file("e/f2", 4));
    String older = "2026-11-25T08-00-00.000Z";
    index
        .record(
            new RevisionIndexed(
                planId,
                older,
                Instant.parse("2026-11-25T08:00:00Z"),
                "run-older",
                0,
                List.of(file("docs/f03", 99)),
                true,
                1,
                99))
        .block();
    // parts of 4, 4 and 3 files; the middle one delivered twice
    for (int part : List.of(0, 1, 1, 2)) {
      index.record(parted(planId, files, part, 4)).block();
    }
    String files0 = "/api/v1/plans/" + planId + "/revisions/" + REVISION + "/files";
    Map<?, ?> acrossParts = page(files0 + "?page=1&size=3");
    assertThat(acrossParts.get("totalItems")).isEqualTo(11);
    assertThat(paths(acrossParts)).containsExactly("docs/f02", "docs/f03", "docs/f04");
    Map<?, ?> folder = page(files0 + "?path=docs&size=5");
    assertThat(folder.get("totalItems")).isEqualTo(7);
    assertThat(paths(folder))
        .containsExactly("docs/f01", "docs/f02", "docs/f03", "docs/f04", "docs/f05");
    assertThat(paths(page(files0 + "?path=docs&page=1&size=5")))
        .containsExactly("docs/f06", "docs/f07");

    // indexed again in parts of 6: the third part of before leaves
    for (int part : List.of(0, 1)) {
      index.record(parted(planId, files, part, 6)).block();
    }
    assertThat(mongo.count(partsOf(planId), RevisionPartDocument.class).block()).isEqualTo(3);
    Map<?, ?> all = page(files0 + "?size=20");
    assertThat(all.get("totalItems")).isEqualTo(11);
    assertThat(paths(all))
        .containsExactlyElementsOf(files.stream().map(RevisionFile::path).toList());
    assertThat(paths(page(files0 + "?path=e&size=20"))).containsExactly("e/f1", "e/f2");

    // a folder an earlier version indexed one document per file
    String oldest = "2026-11-24T08-00-00.000Z";
    Instant oldestAt = Instant.parse("2026-11-24T08:00:00Z");
    mongo
        .insert(
            new RevisionDocument(
                RevisionDocument.id(planId, oldest),
                planId,
                oldest,
                oldestAt,
                "run-oldest",
                1,
                5,
                oldestAt,
                null,
                false))
        .block();
    mongo
        .insert(
            new RevisionFileDocument(
                planId + "/" + oldest + "/DESTINATION/docs/f03",
                planId,
                oldest,
                oldestAt,
                "run-oldest",
                "docs/f03",
                5,
                oldestAt,
                RevisionFile.Side.DESTINATION))
        .block();
    assertThat(paths(page("/api/v1/plans/" + planId + "/revisions/" + oldest + "/files?path=docs")))
        .containsExactly("docs/f03");
    assertThat(revisionFiles.versions(planId, "docs/f03").collectList().block())
        .extracting(RevisionFileResponse::revision, RevisionFileResponse::size)
        .containsExactly(tuple(REVISION, 13L), tuple(older, 99L), tuple(oldest, 5L));

    // which plan-service renews at start: a full re-index, whose completion drops the old layout
    index.renewOlderLayout().block();
    RevisionIndexRequested renew =
        (RevisionIndexRequested)
            kafka
                .awaitEnvelope(
                    e ->
                        e.payload() instanceof RevisionIndexRequested r
                            && r.planId().equals(planId),
                    Duration.ofSeconds(20))
                .payload();
    index
        .completed(
            new RevisionIndexCompleted(renew.requestId(), planId, List.of(REVISION, older), null))
        .block();
    assertThat(mongo.count(partsOf(planId), RevisionFileDocument.class).block()).isZero();
    assertThat(revisionFiles.versions(planId, "docs/f03").collectList().block())
        .extracting(RevisionFileResponse::revision)
        .containsExactly(REVISION, older);
  }

  /** Part {@code part} of the revision's files cut in parts of {@code size}. */
  private static RevisionIndexed parted(
      String planId, List<RevisionFile> files, int part, int size) {
    int to = Math.min(files.size(), (part + 1) * size);
    return new RevisionIndexed(
        planId,
        REVISION,
        MADE_AT,
        "run-1",
        part,
        files.subList(part * size, to),
        to == files.size(),
        files.size(),
        files.stream().mapToLong(RevisionFile::size).sum());
  }

  private static Query partsOf(String planId) {
    return Query.query(Criteria.where("planId").is(planId));
  }

  @Test
  void aRestoreAndAVerificationAreRunsOfTheirKindsAskedOfThePlansPoolAndFollowedLikeAnyRun() {
    String planId = createPlan("restored");
    sendResult(
        new RevisionIndexed(
            planId, REVISION, MADE_AT, "run-1", 0, List.of(file("a.txt", 1)), true, 1, 1));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(page("/api/v1/plans/" + planId + "/revisions").get("totalItems"))
                    .isEqualTo(1));
    String operator = operatorKey();
    Instant asOf = Instant.now().minusMillis(1);

    String asOfRun =
        accepted(
            operator,
            "/restores",
            Map.of("path", "/docs/", "asOf", asOf.toString(), "target", "/srv/restored"));
    String revisionRun =
        accepted(
            operator, "/restores", Map.of("revision", REVISION, "overwrite", true, "dryRun", true));
    String verifyRun = accepted(operator, "/verify", Map.of("method", "DOWNLOAD"));
    String defaultVerify = accepted(operator, "/verify", null);

    RunRequested restore = command(asOfRun);
    assertThat(restore.kind()).isEqualTo(RunKind.RESTORE);
    assertThat(restore.restore().path()).isEqualTo("docs");
    assertThat(restore.restore().asOf()).isEqualTo(asOf);
    assertThat(restore.restore().target().place()).isEqualTo(RestoreTarget.Place.ELSEWHERE);
    assertThat(restore.restore().target().endpoint().path()).isEqualTo("/srv/restored");
    assertThat(restore.restore().overwrite()).isFalse();
    RunRequested ofRevision = command(revisionRun);
    assertThat(ofRevision.restore().revision()).isEqualTo(REVISION);
    assertThat(ofRevision.restore().target().place()).isEqualTo(RestoreTarget.Place.DESTINATION);
    assertThat(ofRevision.restore().overwrite()).isTrue();
    assertThat(ofRevision.dryRun()).isTrue();
    assertThat(command(verifyRun).verify().method()).isEqualTo(VerifyMethod.DOWNLOAD);
    assertThat(command(defaultVerify).verify().method()).isEqualTo(VerifyMethod.CHECKSUM);
    admin
        .get()
        .uri("/api/v1/runs/{id}", asOfRun)
        .exchange()
        .expectBody()
        .jsonPath("$.kind")
        .isEqualTo("RESTORE")
        .jsonPath("$.status")
        .isEqualTo("QUEUED");

    Instant at = Instant.now();
    sendRun(
        new RunFinished(
            verifyRun,
            planId,
            RunStatus.PARTIAL,
            at,
            at.plusSeconds(1),
            1,
            false,
            new RunStats(0, 0, 0, 0, 0, 3, 0, 0, 0L, 1L, 1L, 1L, 0L),
            RunChanges.verified(
                List.of("same.txt"), List.of("changed.txt"), List.of("lost.txt"), List.of(), 0),
            null,
            RunKind.VERIFY));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                admin
                    .get()
                    .uri("/api/v1/runs/{id}", verifyRun)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.kind")
                    .isEqualTo("VERIFY")
                    .jsonPath("$.status")
                    .isEqualTo("PARTIAL")
                    .jsonPath("$.stats.filesDiffering")
                    .isEqualTo(1)
                    .jsonPath("$.changes.differing[0]")
                    .isEqualTo("changed.txt")
                    .jsonPath("$.changes.missingAtDestination[0]")
                    .isEqualTo("lost.txt"));
  }

  @Test
  void badRestoresAndVerificationsAreRefusedWithProblemsAndSendNothing() {
    String planId = createPlan("refused");
    String operator = operatorKey();
    String future = Instant.now().plus(Duration.ofHours(1)).toString();
    String beforePlan = Instant.now().minus(Duration.ofDays(1)).toString();

    refused(operator, planId, Map.of("asOf", future), 400, "asOf");
    refused(operator, planId, Map.of("asOf", beforePlan), 400, "asOf");
    refused(operator, planId, Map.of("path", "docs/../../etc"), 400, "path");
    refused(operator, planId, Map.of("path", "docs/a\u0000b"), 400, "path");
    refused(operator, planId, Map.of("path", "docs/a\nb"), 400, "path");
    refused(operator, planId, Map.of("path", ".syncplan/revisions"), 400, "path");
    refused(operator, planId, Map.of("revision", "yesterday"), 400, "revision");
    refused(operator, planId, Map.of("revision", REVISION), 404, null);
    refused(
        operator,
        planId,
        Map.of("target", "/srv/restored/.syncplan/revisions"),
        400,
        "target.path");
    refused(operator, planId, Map.of("target", "/backup/refused/inside"), 400, "target.path");
    refused(operator, planId, Map.of("target", "relative/path"), 400, "target");
    refused(
        operator,
        planId,
        Map.of("target", Map.of("storage", "no-such-storage")),
        400,
        "target.storage");
    refused(operator, planId, Map.of("target", "SOURCE"), 403, null);
    refused(operator, "no-such-plan", Map.of(), 404, null);

    String failed = createPlan("init-failed");
    sendResult(new PlanInitialized(failed, 1, false, "destination not writable"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                admin
                    .get()
                    .uri("/api/v1/plans/{id}", failed)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.initialization.state")
                    .isEqualTo("INIT_FAILED"));
    refused(operator, failed, Map.of(), 400, "planId");
    bearer(operator)
        .post()
        .uri("/api/v1/plans/{id}/verify", failed)
        .exchange()
        .expectStatus()
        .isBadRequest();
    bearer(operator)
        .post()
        .uri("/api/v1/plans/{id}/verify", planId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("method", "GUESS"))
        .exchange()
        .expectStatus()
        .isBadRequest();
    String viewer = key("viewer-" + UUID.randomUUID(), "VIEWER");
    bearer(viewer)
        .post()
        .uri("/api/v1/plans/{id}/verify", planId)
        .exchange()
        .expectStatus()
        .isForbidden();

    // the admin may restore into the source; nothing refused above was sent
    String intoSource =
        accepted(PlanServiceTest.ADMIN_KEY, planId, "/restores", Map.of("target", "SOURCE"));
    RunRequested first =
        (RunRequested)
            kafka
                .awaitEnvelope(
                    e ->
                        e.payload() instanceof RunRequested r
                            && (r.plan().id().equals(planId) || r.plan().id().equals(failed)),
                    Duration.ofSeconds(20))
                .payload();
    assertThat(first.runId()).isEqualTo(intoSource);
    assertThat(first.restore().target().place()).isEqualTo(RestoreTarget.Place.SOURCE);
  }

  @Test
  void aDeletedPlansRevisionIndexAndRestoreStateGoWithItAndALatePartIsNotKept() {
    String planId = createPlan("deleted-with-history");
    String other = createPlan("kept-with-history");
    for (String plan : List.of(planId, other)) {
      sendResult(
          new RevisionIndexed(
              plan, REVISION, MADE_AT, "run-1", 0, List.of(file("a.txt", 1)), true, 1, 1));
    }
    mongo
        .insert(
            new CurrentVersionDocument(
                UUID.randomUUID().toString(),
                planId,
                "a.txt",
                "ABSENT",
                0,
                null,
                null,
                Instant.now()))
        .block();
    mongo
        .insert(
            new RevisionCleanupDocument(
                UUID.randomUUID().toString(), planId, "DONE", MADE_AT, 1, 0, null, MADE_AT))
        .block();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(stored(planId)).isEqualTo(4);
              assertThat(stored(other)).isEqualTo(2);
            });

    admin.delete().uri("/api/v1/plans/{id}", planId).exchange().expectStatus().isNoContent();

    assertThat(stored(planId)).isZero();
    // a part from a run that was under way when the plan was deleted
    index
        .record(
            new RevisionIndexed(
                planId,
                "2026-11-27T10-00-00.000Z",
                Instant.parse("2026-11-27T10:00:00Z"),
                "run-late",
                0,
                List.of(file("b.txt", 2)),
                true,
                1,
                2))
        .block();
    assertThat(stored(planId)).isZero();
    assertThat(stored(other)).isEqualTo(2);
  }

  /** The documents of the plan's revision index and restore state. */
  private long stored(String planId) {
    Query ofPlan = Query.query(Criteria.where("planId").is(planId));
    return Flux.just(
            RevisionDocument.class,
            RevisionPartDocument.class,
            CurrentVersionDocument.class,
            RevisionCleanupDocument.class)
        .concatMap(type -> mongo.count(ofPlan, type))
        .reduce(0L, Long::sum)
        .block();
  }

  private void refused(String key, String planId, Map<String, ?> body, int status, String field) {
    var response =
        bearer(key)
            .post()
            .uri("/api/v1/plans/{id}/restores", planId)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    if (field != null) {
      response.jsonPath("$.errors[0].field").isEqualTo(field);
    }
  }

  private String accepted(String key, String path, Map<String, ?> body) {
    return accepted(key, lastPlan, path, body);
  }

  private String lastPlan;

  private String accepted(String key, String planId, String path, Map<String, ?> body) {
    var request = bearer(key).post().uri("/api/v1/plans/{id}" + path, planId);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
    return (String)
        request
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .valueMatches("Location", "/api/v1/runs/.+")
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  private WebTestClient bearer(String key) {
    return http.mutate().defaultHeader("Authorization", "Bearer " + key).build();
  }

  private String operatorKey() {
    return key("operator-" + UUID.randomUUID(), "OPERATOR");
  }

  private String key(String name, String role) {
    return (String)
        admin
            .post()
            .uri("/api/v1/keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "role", role))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("key");
  }

  private String createPlan(String name) {
    lastPlan =
        (String)
            admin
                .post()
                .uri("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    """
                    {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
                     "mode":"MIRROR_WITH_REVISIONS"}
                    """
                        .formatted(name, name, name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    return lastPlan;
  }

  private Map<?, ?> page(String uri) {
    return admin
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object item) {
    return (Map<String, Object>) item;
  }

  private static List<String> paths(Map<?, ?> page) {
    return ((List<?>) page.get("items"))
        .stream().map(item -> (String) ((Map<?, ?>) item).get("path")).toList();
  }

  private RunRequested command(String runId) {
    return (RunRequested)
        kafka
            .awaitEnvelope(
                e -> e.payload() instanceof RunRequested r && r.runId().equals(runId),
                Duration.ofSeconds(20))
            .payload();
  }

  private static RevisionFile file(String path, long size) {
    return new RevisionFile(
        path,
        size,
        Instant.parse("2026-11-20T10:00:00Z").truncatedTo(ChronoUnit.MILLIS),
        RevisionFile.Side.DESTINATION);
  }

  private void sendResult(Message payload) {
    kafka.send(Topics.EXECUTOR_RESULTS, envelope(payload));
  }

  private void sendRun(Message payload) {
    kafka.send(Topics.RUN_EVENTS, envelope(payload));
  }

  private static Envelope<Message> envelope(Message payload) {
    return Envelope.wrap(UUID.randomUUID(), payload, "test-executor", Instant.now());
  }
}
