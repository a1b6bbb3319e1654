package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.support.network.NetworkProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneSettingsTest {

  @Test
  void kafkaStaysOnLoopbackWhenTheApiIsOpenedToTheNetwork() {
    StandaloneSettings settings =
        StandaloneSettings.from(Map.of("SYNCPLAN_HOST", "0.0.0.0"), new String[0]);

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.kafkaHost()).isEqualTo("localhost");
    assertThat(
            StandaloneSettings.from(Map.of("SYNCPLAN_KAFKA_HOST", "10.0.0.7"), new String[0])
                .kafkaHost())
        .isEqualTo("10.0.0.7");
  }

  @Test
  void webhooksAndStoragesMayReachLocalNetworksUnlessToldOtherwise() {
    assertThat(StandaloneSettings.from(Map.of(), new String[0]).networkAllow())
        .isEqualTo(NetworkProperties.LOCAL_NETWORKS);
    assertThat(
            StandaloneSettings.from(Map.of("SYNCPLAN_NETWORK_ALLOW", "none"), new String[0])
                .networkAllow())
        .isEmpty();
    assertThat(
            StandaloneSettings.from(
                    Map.of(), new String[] {"--syncplan.network.allow=192.168.1.0/24, nas.local"})
                .networkAllow())
        .containsExactly("192.168.1.0/24", "nas.local");
  }

  @Test
  void aSecretOfTheDataDirectoryIsReadableByItsOwnerOnlyFromTheStartAndKept(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("api-key.pepper");

    String made = PrivateFiles.readOrCreate(file, () -> "first");

    assertThat(made).isEqualTo("first");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PrivateFiles.readOrCreate(file, () -> "second")).isEqualTo("first");
  }
}
