package io.syncplan.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.ResyncChanges;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.TriggeringRun;
import io.syncplan.contracts.secret.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
  private final MessageCodec codec = MessageCodec.shared();

  static PlanSnapshot plan() {
    return new PlanSnapshot(
        "plan-1",
        3,
        "docs",
        null,
        List.of("team-a"),
        Endpoint.local("/data/docs"),
        Endpoint.local("/backup/docs"),
        SyncMode.MIRROR,
        ScheduleSpec.everyMinutes(15),
        null,
        null,
        null,
        null,
        new NotificationSpec(
            List.of(),
            List.of(
                WebhookTarget.sealed(
                    "https://hooks.example.com/T000/B000/token",
                    new SealedSecret("v1:c2VhbGVkLXVybA=="),
                    null,
                    null,
                    Map.of("X-Api-Key", new SealedSecret("v1:c2VhbGVkLWtleQ==")),
                    null))),
        null,
        null,
        null,
        null,
        false,
        CLOCK.instant(),
        null,
        null,
        null,
        null);
  }

  @Test
  void planChangedSurvivesTheRoundTripWithItsEnvelope() {
    Envelope<PlanChanged> sent =
        Envelope.wrap(new PlanChanged(PlanChange.CREATED, plan()), "plan-service", CLOCK);

    Envelope<Message> received = codec.decode(codec.encode(sent));

    assertThat(received).isEqualTo(sent);
    assertThat(received.type()).isEqualTo("plan.changed");
    assertThat(received.planId()).isEqualTo("plan-1");
    assertThat(received.runId()).isNull();
  }

  @Test
  void aWebhookTravelsSealedWithOnlyItsHostAndFingerprintInClear() {
    String json =
        codec.toJson(
            Envelope.wrap(new PlanChanged(PlanChange.CREATED, plan()), "plan-service", CLOCK));

    assertThat(json)
        .doesNotContain("token")
        .contains("\"host\":\"hooks.example.com\"")
        .contains(
            "\"fingerprint\":\""
                + WebhookTarget.fingerprintOf("https://hooks.example.com/T000/B000/token")
                + "\"")
        .doesNotContain("\"url\"")
        .doesNotContain("\"headers\"");
  }

  @Test
  void hooksOfBothKindsSurviveTheRoundTripAnHttpHooksUrlOnlySealed() {
    HookSpec command = new HookSpec(HookOn.BEFORE, Duration.ofMinutes(5), true, "snapshot-db");
    HookSpec http =
        new HookSpec(
            HookOn.AFTER,
            Duration.ofSeconds(10),
            false,
            null,
            HttpHook.sealed(
                "PUT",
                "https://ci.example.com/hooks/token",
                new SealedSecret("v1:c2VhbGVkLXVybA=="),
                Map.of("Authorization", new SealedSecret("v1:c2VhbGVkLWtleQ==")),
                null));

    String json = codec.toJson(List.of(command, http));

    assertThat(json).doesNotContain("token", "\"url\"", "label");
    assertThat(codec.fromJson(json, HookSpec[].class)).containsExactly(command, http);
    assertThat(http.label())
        .isEqualTo(
            "PUT ci.example.com#"
                + WebhookTarget.fingerprintOf("https://ci.example.com/hooks/token"));
  }

  @Test
  void aWebhookThatAnOlderPlanServicePublishedInClearIsReadWithItsHostAndFingerprint() {
    WebhookTarget clear =
        codec.fromJson(
            "{\"url\":\"https://hooks.example.com:8443/x\",\"headers\":{\"A\":\"b\"}}",
            WebhookTarget.class);

    assertThat(clear.inClear()).isTrue();
    assertThat(clear.host()).isEqualTo("hooks.example.com:8443");
    assertThat(clear.fingerprint())
        .isEqualTo(WebhookTarget.fingerprintOf("https://hooks.example.com:8443/x"))
        .hasSize(12);
    assertThat(clear.headerNames()).containsExactly("A");
  }

  @Test
  void runRequestedCarriesThePlanAndTheRunIdInTheEnvelope() {
    RunRequested command =
        new RunRequested("run-1", RunTrigger.MANUAL, CLOCK.instant(), null, false, plan());

    Envelope<Message> received =
        codec.decode(codec.encode(Envelope.wrap(command, "plan-service", CLOCK)));

    assertThat(received.payload()).isEqualTo(command);
    assertThat(received.runId()).isEqualTo("run-1");
    assertThat(((RunRequested) received.payload()).priority()).isEqualTo(plan().priority());
  }

  @Test
  void aChainedRunCarriesTheRunThatTriggeredItAndAPausedPlanItsReason() {
    PlanSnapshot chained =
        plan()
            .withVersion(4, CLOCK.instant())
            .pausedBecause("paused after 3 failed runs in a row", 5, CLOCK.instant());
    PlanSnapshot withTrigger =
        new PlanSnapshot(
            chained.id(),
            chained.version(),
            chained.name(),
            null,
            null,
            chained.source(),
            chained.destination(),
            chained.mode(),
            new ScheduleSpec(
                ScheduleType.INTERVAL, 15, null, null, null, null, false, null, null, null, 3),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            true,
            CLOCK.instant(),
            new TriggerSpec(
                List.of(new AfterPlan("plan-0", Set.of(RunOutcome.SUCCESS, RunOutcome.PARTIAL)))),
            chained.pausedReason(),
            null,
            null);
    TriggeringRun cause = new TriggeringRun("plan-0", "plan-0-run", RunStatus.PARTIAL);
    RunRequested command =
        new RunRequested(
            "plan-1-after-plan-0-run",
            RunTrigger.CHAINED,
            CLOCK.instant(),
            null,
            false,
            withTrigger,
            cause);
    RunQueued queued =
        new RunQueued(
            command.runId(), "plan-1", RunTrigger.CHAINED, CLOCK.instant(), null, false, cause);

    assertThat(codec.decode(codec.encode(Envelope.wrap(command, "scheduler-service", CLOCK))))
        .extracting(Envelope::payload)
        .isEqualTo(command);
    assertThat(codec.decode(codec.encode(Envelope.wrap(queued, "executor-service", CLOCK))))
        .extracting(Envelope::payload)
        .isEqualTo(queued);
    assertThat(chained.pausedReason()).isEqualTo("paused after 3 failed runs in a row");
    assertThat(chained.withPaused(false, 6, CLOCK.instant()).pausedReason()).isNull();
    assertThat(withTrigger.schedule().pauseAfterFailures()).isEqualTo(3);
    assertThat(withTrigger.trigger().after().get(0).startsOn(RunOutcome.FAILURE)).isFalse();
  }

  @Test
  void aPlanAndARunCommandFromBeforeChainsReadWithNoTriggerAndNoCause() {
    String json = codec.toJson(plan());
    assertThat(json).doesNotContain("pausedReason").doesNotContain("pauseAfterFailures");
    PlanSnapshot read =
        codec.fromJson(json.replace(",\"trigger\":{\"after\":[]}", ""), PlanSnapshot.class);
    assertThat(read.trigger()).isEqualTo(TriggerSpec.NONE);
    assertThat(read).isEqualTo(plan());
    assertThat(new AfterPlan("p", null).on()).containsExactly(RunOutcome.SUCCESS);
  }

  @Test
  void destinationPurgeRequestAndItsOutcomeSurviveTheRoundTrip() {
    DestinationPurgeRequested command =
        new DestinationPurgeRequested("purge-1", plan(), CLOCK.instant());
    DestinationPurged outcome = new DestinationPurged("plan-1", "purge-1", false, true, "why");

    Envelope<Message> request =
        codec.decode(codec.encode(Envelope.wrap(command, "plan-service", CLOCK)));
    Envelope<Message> result =
        codec.decode(codec.encode(Envelope.wrap(outcome, "executor-service", CLOCK)));

    assertThat(request.type()).isEqualTo("plan.destination-purge-requested");
    assertThat(request.planId()).isEqualTo("plan-1");
    assertThat(request.payload()).isEqualTo(command);
    assertThat(result.type()).isEqualTo("plan.destination-purged");
    assertThat(result.payload()).isEqualTo(outcome);
  }

  @Test
  void finishedRunsAreTypedByTheirStatus() {
    for (RunStatus status :
        List.of(RunStatus.SUCCEEDED, RunStatus.PARTIAL, RunStatus.FAILED, RunStatus.CANCELLED)) {
      RunFinished finished =
          new RunFinished(
              "run-1",
              "plan-1",
              status,
              CLOCK.instant(),
              CLOCK.instant(),
              1,
              false,
              new RunStats(1, 2, 3, 0, 42, 10, 0),
              new RunChanges(List.of("a"), List.of("b"), List.of("c"), List.of(), 0),
              status == RunStatus.SUCCEEDED ? null : new RunError("X", "why", 1, List.of()));

      Envelope<Message> received =
          codec.decode(codec.encode(Envelope.wrap(finished, "executor-service", CLOCK)));

      assertThat(received.type()).isEqualTo("run." + status.name().toLowerCase());
      assertThat(received.payload()).isEqualTo(finished);
    }
  }

  @Test
  void bisyncConflictsTravelWithAFinishedRunAndOlderPayloadsWithoutThemStillRead() {
    RunFinished finished =
        new RunFinished(
            "run-1",
            "plan-1",
            RunStatus.SUCCEEDED,
            CLOCK.instant(),
            CLOCK.instant(),
            1,
            false,
            new RunStats(0, 1, 0, 0, 42, 10, 0, 1),
            new RunChanges(List.of(), List.of("b"), List.of(), List.of(), List.of("notes.txt"), 0),
            null);
    Envelope<Message> received =
        codec.decode(codec.encode(Envelope.wrap(finished, "executor-service", CLOCK)));
    assertThat(received.payload()).isEqualTo(finished);

    String older =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d11\",\"type\":\"run.succeeded\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\",\"planId\":\"p\","
            + "\"runId\":\"r\",\"producer\":\"executor-service\",\"payload\":{\"runId\":\"r\","
            + "\"planId\":\"p\",\"status\":\"SUCCEEDED\",\"attempts\":1,\"dryRun\":false,"
            + "\"stats\":{\"filesAdded\":2,\"filesModified\":0,\"filesDeleted\":0,"
            + "\"filesMovedToRevisions\":0,\"bytesTransferred\":5,\"filesChecked\":2,\"errors\":0},"
            + "\"changes\":{\"added\":[\"a\",\"b\"],\"omitted\":0}}}";
    RunFinished read = (RunFinished) codec.decode(older.getBytes(StandardCharsets.UTF_8)).payload();
    assertThat(read.stats().conflicts()).isZero();
    assertThat(read.changes().conflicts()).isEmpty();
    assertThat(read.changes().added()).containsExactly("a", "b");
  }

  @Test
  void aPlanThatNeedsAResyncIsAnnouncedWithItsCauseAndAResyncListsBothWays() {
    ResyncNeeded needed =
        new ResyncNeeded(
            "plan-1",
            "run-1",
            ResyncNeeded.STATE_MISSING,
            "bisync's saved state of the plan is incomplete",
            CLOCK.instant());
    Envelope<Message> announced =
        codec.decode(codec.encode(Envelope.wrap(needed, "executor-service", CLOCK)));
    assertThat(announced.type()).isEqualTo("plan.needs-resync");
    assertThat(announced.runId()).isEqualTo("run-1");
    assertThat(announced.payload()).isEqualTo(needed);

    RunFinished resync =
        new RunFinished(
            "run-2",
            "plan-1",
            RunStatus.SUCCEEDED,
            CLOCK.instant(),
            CLOCK.instant(),
            1,
            true,
            RunStats.EMPTY,
            new RunChanges(
                List.of("a"),
                List.of("b"),
                List.of(),
                List.of("b"),
                List.of(),
                0,
                List.of(),
                new ResyncChanges(List.of("a"), List.of(), List.of(), List.of("b"))),
            null);
    assertThat(
            codec.decode(codec.encode(Envelope.wrap(resync, "executor-service", CLOCK))).payload())
        .isEqualTo(resync);
  }

  @Test
  void writesDatesAsIsoStringsAndLeavesNullsOut() {
    String json =
        new String(
            codec.encode(
                Envelope.wrap(new PlanChanged(PlanChange.CREATED, plan()), "plan-service", CLOCK)),
            StandardCharsets.UTF_8);

    assertThat(json).contains("\"occurredAt\":\"2026-11-26T09:00:00Z\"");
    assertThat(json).contains("\"delay\":\"PT30S\"");
    assertThat(json).doesNotContain("null");
  }

  @Test
  void ignoresFieldsItDoesNotKnowSoProducersCanAddThem() {
    String json =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d11\",\"type\":\"run.started\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\",\"planId\":\"p\","
            + "\"runId\":\"r\",\"producer\":\"executor-service\",\"newField\":1,"
            + "\"payload\":{\"runId\":\"r\",\"planId\":\"p\",\"attempt\":1,\"futureField\":true}}";

    Envelope<Message> received = codec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(received.payload().runId()).isEqualTo("r");
  }

  @Test
  void rejectsAnUnknownTypeWithAClearError() {
    String json =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d11\",\"type\":\"run.exploded\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\",\"planId\":\"p\","
            + "\"producer\":\"x\",\"payload\":{}}";

    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableMessageException.class)
        .hasMessageContaining("run.exploded");
  }

  @Test
  void rejectsBytesThatAreNotJson() {
    assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableMessageException.class);
  }

  @Test
  void rejectsAnEnvelopeWithoutPlanId() {
    String json =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d11\",\"type\":\"run.started\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\","
            + "\"producer\":\"x\",\"payload\":{\"runId\":\"r\"}}";

    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableMessageException.class)
        .hasMessageContaining("planId");
  }

  @Test
  void kafkaSerdeKeepsTombstonesNull() {
    assertThat(new EnvelopeSerializer().serialize("t", null)).isNull();
    assertThat(new EnvelopeDeserializer().deserialize("t", null)).isNull();
  }
}
