package io.syncplan.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.VerifyAfter;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.plan.VerifyPolicy;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.VerifySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run kinds on the wire: restores and verifications travel whole, older messages read as syncs. */
class RunKindCodecTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
  private final MessageCodec codec = MessageCodec.shared();

  private <T extends Message> T roundTrip(T message) {
    @SuppressWarnings("unchecked")
    T read = (T) codec.decode(codec.encode(Envelope.wrap(message, "test", CLOCK))).payload();
    return read;
  }

  @Test
  void aRestoreCommandTravelsWithWhatWhenAndWhere() {
    RestoreSpec restore =
        new RestoreSpec(
            "docs/report.txt",
            Instant.parse("2026-11-26T08:00:00Z"),
            null,
            RestoreTarget.at(Endpoint.local("/restores/here")),
            true,
            false);
    RunRequested command =
        new RunRequested(
            "run-1",
            RunTrigger.MANUAL,
            CLOCK.instant(),
            null,
            true,
            MessageCodecTest.plan(),
            RunKind.RESTORE,
            restore,
            null);

    RunRequested read = roundTrip(command);

    assertThat(read).isEqualTo(command);
    assertThat(read.restore().target().endpoint().path()).isEqualTo("/restores/here");
    assertThat(read.verify()).isNull();
  }

  @Test
  void aVerifyCommandWithoutAMethodChecksumsAndARunOfAnotherKindCarriesNoSpec() {
    RunRequested verify =
        new RunRequested(
            "run-2",
            RunTrigger.MANUAL,
            CLOCK.instant(),
            null,
            false,
            MessageCodecTest.plan(),
            RunKind.VERIFY,
            null,
            null);
    assertThat(roundTrip(verify).verify()).isEqualTo(new VerifySpec(VerifyMethod.CHECKSUM));

    RunRequested sync =
        new RunRequested(
            "run-3",
            RunTrigger.MANUAL,
            CLOCK.instant(),
            null,
            false,
            MessageCodecTest.plan(),
            RunKind.SYNC,
            null,
            new VerifySpec(VerifyMethod.SIZE));
    assertThat(sync.verify()).isNull();
  }

  @Test
  void eventsAndCommandsWrittenBeforeKindsExistedReadAsSyncs() {
    String queued =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d11\",\"type\":\"run.queued\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\",\"planId\":\"p\","
            + "\"runId\":\"r\",\"producer\":\"executor-service\",\"payload\":{\"runId\":\"r\","
            + "\"planId\":\"p\",\"trigger\":\"MANUAL\",\"priority\":\"HIGH\",\"dryRun\":false}}";
    String finished =
        "{\"eventId\":\"0b0c4c6e-9f5e-4a51-9e43-8c2b4f3f0d12\",\"type\":\"run.succeeded\","
            + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-26T09:00:00Z\",\"planId\":\"p\","
            + "\"runId\":\"r\",\"producer\":\"executor-service\",\"payload\":{\"runId\":\"r\","
            + "\"planId\":\"p\",\"status\":\"SUCCEEDED\",\"attempts\":1,\"dryRun\":false}}";

    RunQueued readQueued =
        (RunQueued) codec.decode(queued.getBytes(StandardCharsets.UTF_8)).payload();
    RunFinished readFinished =
        (RunFinished) codec.decode(finished.getBytes(StandardCharsets.UTF_8)).payload();

    assertThat(readQueued.kind()).isEqualTo(RunKind.SYNC);
    assertThat(readFinished.kind()).isEqualTo(RunKind.SYNC);
    assertThat(readFinished.stats().differences()).isZero();
    assertThat(MessageCodecTest.plan().verify()).isEqualTo(VerifyPolicy.DEFAULT);
  }

  @Test
  void aVerificationsFindingsTravelWithItsOutcome() {
    RunFinished finished =
        new RunFinished(
            "run-1",
            "plan-1",
            RunStatus.PARTIAL,
            CLOCK.instant(),
            CLOCK.instant(),
            1,
            false,
            new RunStats(0, 0, 0, 0, 0, 4, 0, 0, 0L, 1L, 1L, 1L, 1L),
            RunChanges.verified(List.of("a"), List.of("b"), List.of("c"), List.of("d"), 0),
            null,
            RunKind.VERIFY);

    RunFinished read = roundTrip(finished);

    assertThat(read).isEqualTo(finished);
    assertThat(read.stats().differences()).isEqualTo(3);
    assertThat(read.changes().missingAtDestination()).containsExactly("c");
  }

  @Test
  void aPartOfARevisionsIndexTravelsWithItsFilesInOrder() {
    RevisionIndexed part =
        new RevisionIndexed(
            "plan-1",
            "2026-11-26T09-15-30.123Z",
            Instant.parse("2026-11-26T09:15:30.123Z"),
            "run-1",
            0,
            List.of(
                new RevisionFile("a.txt", 3, CLOCK.instant(), null),
                new RevisionFile("b.txt", 4, CLOCK.instant(), RevisionFile.Side.SOURCE)),
            true,
            2,
            7);

    RevisionIndexed read = roundTrip(part);

    assertThat(read).isEqualTo(part);
    assertThat(read.files().get(0).side()).isEqualTo(RevisionFile.Side.DESTINATION);
  }

  @Test
  void aPlanThatVerifiesDailyKeepsItsPolicyOnTheWire() {
    var daily = new VerifyPolicy(VerifyAfter.DAILY, VerifyMethod.SIZE);
    var plan = MessageCodecTest.plan();
    var withPolicy =
        new io.syncplan.contracts.plan.PlanSnapshot(
            plan.id(),
            plan.version(),
            plan.name(),
            plan.description(),
            plan.tags(),
            plan.source(),
            plan.destination(),
            plan.mode(),
            plan.schedule(),
            plan.revisions(),
            plan.filters(),
            plan.performance(),
            plan.retries(),
            plan.notifications(),
            plan.encryption(),
            plan.pool(),
            plan.priority(),
            plan.deletionGuard(),
            plan.paused(),
            plan.updatedAt(),
            plan.trigger(),
            plan.pausedReason(),
            plan.hooks(),
            daily);

    var read =
        roundTrip(
                new io.syncplan.contracts.plan.PlanChanged(
                    io.syncplan.contracts.plan.PlanChange.UPDATED, withPolicy))
            .plan();

    assertThat(read.verify()).isEqualTo(daily);
    assertThat(read.withVersion(9, CLOCK.instant()).verify()).isEqualTo(daily);
  }
}
