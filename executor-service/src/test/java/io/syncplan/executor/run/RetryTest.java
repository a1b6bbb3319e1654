package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Retries as the plan says, for passing trouble only, each announced by a RETRYING event. */
@ExecutorTest
class RetryTest {

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  RunDriver runs;
  Path source;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    FileTrees.write(source, 10, 1024, 31);
  }

  @Test
  void aRemoteThatIsDownForTheFirstAttemptsAndComesBackEndsSucceededWithBackoff() throws Exception {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      remote.stop();
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("backup", storage(remote)))
              .retries(new RetryPolicy(5, Duration.ofMillis(700), 2.0))
              .build();

      String runId = runs.request(plan);
      runs.recorder()
          .awaitEnvelope(
              e ->
                  runId.equals(e.runId())
                      && e.payload() instanceof RunRetrying retrying
                      && retrying.attempt() == 2,
              RunDriver.RUN_TIMEOUT);
      remote.start();
      RunFinished finished = runs.awaitFinished(runId);

      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(finished.attempts()).isGreaterThan(2);
      assertThat(FileTrees.snapshot(served.resolve("backup")))
          .isEqualTo(FileTrees.snapshot(source));
      List<Envelope<Message>> events = runs.events(runId);
      List<RunRetrying> retries = payloads(events, RunRetrying.class);
      assertThat(retries).hasSize(finished.attempts() - 1);
      for (int i = 0; i < retries.size(); i++) {
        RunRetrying retrying = retries.get(i);
        assertThat(retrying.attempt()).isEqualTo(i + 1);
        assertThat(retrying.maxAttempts()).isEqualTo(5);
        assertThat(retrying.reason()).startsWith("REMOTE_UNREACHABLE").contains("connect");
      }
      assertThat(payloads(events, RunStarted.class))
          .extracting(RunStarted::attempt)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, finished.attempts()).boxed().toList());
      List<Envelope<Message>> starts =
          events.stream().filter(e -> e.payload() instanceof RunStarted).toList();
      for (int i = 0; i < retries.size(); i++) {
        // The next attempt really waited for the announced time.
        assertThat(starts.get(i + 1).occurredAt())
            .isAfterOrEqualTo(retries.get(i).nextAttemptAt().minusMillis(50));
      }
      Duration firstWait = waitOf(events, retries.get(0));
      Duration secondWait = waitOf(events, retries.get(1));
      assertThat(firstWait).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
      assertThat(secondWait).isBetween(Duration.ofMillis(1300), Duration.ofMillis(1500));
    }
  }

  @Test
  void aRemoteThatStaysDownFailsOnceTheAttemptsAreUsedUp() throws Exception {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      remote.stop();
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("backup", storage(remote)))
              .retries(new RetryPolicy(2, Duration.ofMillis(200), 1.0))
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
      assertThat(finished.attempts()).isEqualTo(2);
      assertThat(finished.error().reason()).isEqualTo("REMOTE_UNREACHABLE");
      assertThat(finished.error().exitCode()).isEqualTo(1);
      assertThat(finished.error().logTail()).isNotEmpty();
      assertThat(payloads(runs.events(finished.runId()), RunRetrying.class)).hasSize(1);
    }
  }

  @Test
  void aFailureThatAnotherAttemptCannotFixFailsAtOnce() {
    PlanSnapshot plan =
        TestPlans.between(dir.resolve("no-such-source"), dir.resolve("destination"))
            .retries(new RetryPolicy(5, Duration.ofMillis(100), 1.0))
            .build();

    RunFinished finished = runs.run(plan);

    assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    assertThat(finished.error().reason()).isEqualTo("DIRECTORY_NOT_FOUND");
    assertThat(finished.error().exitCode()).isEqualTo(3);
    assertThat(finished.error().message()).contains("directory not found");
    assertThat(finished.attempts()).isEqualTo(1);
    assertThat(payloads(runs.events(finished.runId()), RunRetrying.class)).isEmpty();
  }

  private static Duration waitOf(List<Envelope<Message>> events, RunRetrying retrying) {
    Envelope<Message> announced =
        events.stream().filter(e -> e.payload() == retrying).findFirst().orElseThrow();
    return Duration.between(announced.occurredAt(), retrying.nextAttemptAt());
  }

  private static <T> List<T> payloads(List<Envelope<Message>> events, Class<T> type) {
    return events.stream().map(Envelope::payload).filter(type::isInstance).map(type::cast).toList();
  }

  private StorageSpec storage(LoopbackRemote remote) {
    return TestPlans.storage("r", "r", remote, cipher);
  }

  private static Endpoint local(Path path) {
    return Endpoint.local(path.toAbsolutePath().toString());
  }
}
