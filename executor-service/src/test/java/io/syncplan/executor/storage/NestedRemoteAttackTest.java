package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack of issue 13: a wrapper storage whose option holds an rclone connection string with
 * {@code bearer_token_command}. Given to rclone, it runs the command as the executor's user (each
 * case proves that first, with the installed rclone). Sent to the executor in a COPY plan's
 * snapshot, as a forged or old command would carry it, it never reaches rclone: the run fails with
 * the reason and the command's marker file is never written.
 */
@ExecutorTest
class NestedRemoteAttackTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"alias", "crypt", "union", "combine", "chunker", "hasher", "compress", "cache"})
  void aNestedRemoteInAWrapperStorageNeverRunsItsCommand(String wrapper) throws Exception {
    Path source = dir.resolve("source");
    FileTrees.writeFile(source, "a.txt", "a");
    Path proof = dir.resolve("proof-" + wrapper);
    assertThat(rcloneRunsThePayload(wrapper, proof))
        .as("the payload runs its command when rclone is given it directly")
        .isTrue();
    Path marker = dir.resolve("marker-" + wrapper);
    StorageSpec storage =
        new StorageSpec("evil-" + wrapper, "evil", wrapper, options(wrapper, marker), Map.of());
    PlanSnapshot plan =
        TestPlans.between(Endpoint.local(source.toString()), new Endpoint("x", storage))
            .mode(SyncMode.COPY)
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("INVALID_PLAN");
    String option = wrapper.equals("union") || wrapper.equals("combine") ? "upstreams" : "remote";
    assertThat(run.error().message())
        .contains("destination.storage.options[" + option + "] must name a syncplan storage")
        .contains("connection string");
    assertThat(marker).doesNotExist();
  }

  private static Map<String, String> options(String wrapper, Path marker) {
    String payload =
        ":webdav,url='http://127.0.0.1:1',bearer_token_command='touch " + marker + "':";
    return switch (wrapper) {
      case "union" -> Map.of("upstreams", "\"" + payload + "\" \"" + payload + "\"");
      case "combine" -> Map.of("upstreams", "\"d=" + payload + "\"");
      default -> Map.of("remote", payload);
    };
  }

  /** The storage handed to rclone as environment variables, without syncplan in between. */
  private boolean rcloneRunsThePayload(String wrapper, Path proof)
      throws IOException, InterruptedException {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("HOME", dir.toString());
    environment.put("RCLONE_CONFIG_X_TYPE", wrapper);
    options(wrapper, proof)
        .forEach(
            (option, value) -> environment.put("RCLONE_CONFIG_X_" + option.toUpperCase(), value));
    environment.put("RCLONE_CONFIG_X_PASSWORD", LoopbackRemote.obscure("password"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "rclone",
                "lsd",
                "X:",
                "--config",
                dir.resolve("empty.conf").toString(),
                "--contimeout",
                "2s",
                "--low-level-retries",
                "1",
                "--retries",
                "1"));
    Files.writeString(dir.resolve("empty.conf"), "");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return Files.exists(proof);
  }
}
