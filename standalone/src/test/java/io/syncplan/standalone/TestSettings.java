package io.syncplan.standalone;

import java.nio.file.Path;
import java.util.Map;

/** The settings a test's stack starts with. */
final class TestSettings {

  private TestSettings() {}

  /**
   * On loopback and free ports, with its own broker and store, accepting {@code adminKey}; every
   * other setting as a user who sets nothing gets it.
   */
  static StandaloneSettings onLoopback(Path dataDir, String adminKey) {
    return StandaloneSettings.from(
        Map.of(),
        new String[] {
          "--syncplan.data-dir=" + dataDir,
          "--syncplan.host=127.0.0.1",
          "--syncplan.api-port=0",
          "--syncplan.kafka-port=0",
          "--syncplan.bootstrap-api-key=" + adminKey
        });
  }
}
