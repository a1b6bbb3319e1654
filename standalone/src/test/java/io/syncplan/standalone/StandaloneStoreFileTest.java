package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store file a user's data directory holds: one written by the previous version starts with
 * everything in it; a damaged one (here cut short) stops the stack with a message naming the file
 * and what to do, and is left as it was. A second stack on a data directory in use is refused
 * before it touches anything there.
 */
class StandaloneStoreFileTest {

  static final String KEY = "spk_previous-version-fixture-key-0001";

  @TempDir Path work;
  StandaloneStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aDataDirectoryWrittenByThePreviousVersionStartsWithEverything() throws IOException {
    Path data = work.resolve("data");
    previousVersionStore(data.resolve("mongo/syncplan.mv"));

    stack = StandaloneStack.start(TestSettings.onLoopback(data, KEY));
    ApiClient api = new ApiClient(stack.apiUrl(), KEY);

    ApiClient.Response mirror = api.get("/api/v1/plans/98d7bd93-9226-42cf-8802-f850ee8a7478");
    assertThat(mirror.status()).isEqualTo(200);
    assertThat(mirror.body().get("name").asString()).isEqualTo("prev-mirror");
    ApiClient.Response copy = api.get("/api/v1/plans/70b768f4-04e1-44bf-998e-0b5380e25298");
    assertThat(copy.body().get("name").asString()).isEqualTo("prev-copy");
    assertThat(copy.body().get("mode").asString()).isEqualTo("COPY");
    for (String runId :
        new String[] {
          "dfcd23a3-8f02-4fc0-b630-2cee6fa341ce", "24a25c1e-3993-44e5-8023-364640880a8d"
        }) {
      ApiClient.Response run = api.get("/api/v1/runs/" + runId);
      assertThat(run.status()).isEqualTo(200);
      assertThat(run.body().get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(run.body().get("stats").get("filesAdded").asLong()).isEqualTo(3);
    }
    // And it takes new writes, durably, in the same file.
    assertThat(createMirror(api, "after-upgrade")).isEqualTo(201);
  }

  @Test
  void aTruncatedStoreFileStopsTheStackNamingTheFileAndWhatToDo() throws Exception {
    Path data = work.resolve("data");
    Path store = data.resolve("mongo/syncplan.mv");
    previousVersionStore(store);
    try (RandomAccessFile file = new RandomAccessFile(store.toFile(), "rw")) {
      file.setLength(file.length() / 3);
    }
    String before = sha256(store);

    StandaloneProcess.Refusal refusal =
        StandaloneProcess.startExpectingRefusal(data, KEY, work.resolve("refused.log"));

    assertThat(refusal.exitCode()).isEqualTo(1);
    assertThat(refusal.output())
        .contains("syncplan could not start: The store file " + store.toAbsolutePath())
        .contains("Restore the file from a backup")
        .contains("move it away");
    assertThat(sha256(store)).as("the file is left as it was").isEqualTo(before);
  }

  @Test
  void aSecondStackOnADataDirectoryInUseIsRefusedAndTheFirstRunsOn() {
    Path data = work.resolve("data");
    stack = StandaloneStack.start(TestSettings.onLoopback(data, KEY));
    ApiClient api = new ApiClient(stack.apiUrl(), KEY);

    StandaloneProcess.Refusal refusal =
        StandaloneProcess.startExpectingRefusal(data, KEY, work.resolve("second.log"));

    assertThat(refusal.exitCode()).isEqualTo(1);
    assertThat(refusal.output())
        .contains(
            "syncplan could not start: Another syncplan stack is using the data directory "
                + data.toAbsolutePath())
        .contains("SYNCPLAN_DATA_DIR")
        .doesNotContain("Kafka");
    assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(createMirror(api, "still-running")).isEqualTo(201);
  }

  /** Creates a MIRROR plan between two fixed paths; the answer's status. */
  private static int createMirror(ApiClient api, String name) {
    return api.post(
            "/api/v1/plans",
            """
            {"name":"%s","source":{"path":"/tmp/a"},"destination":{"path":"/tmp/b"},"mode":"MIRROR"}
            """
                .formatted(name))
        .status();
  }

  private static void previousVersionStore(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in =
        new GZIPInputStream(
            StandaloneStoreFileTest.class.getResourceAsStream(
                "/previous-version/syncplan.mv.gz"))) {
      Files.copy(in, target);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
