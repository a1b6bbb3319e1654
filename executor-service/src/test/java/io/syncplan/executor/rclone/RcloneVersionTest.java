package io.syncplan.executor.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.testsupport.TestRclone;
import io.syncplan.testsupport.WithRclone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which rclone the executor runs on, and what it uses of it. */
class RcloneVersionTest {

  @TempDir Path dir;

  @Test
  void readsTheVersionAndItsGenerationFromRclonesOwnWords() {
    RcloneVersion debian = RcloneVersion.parse("rclone v1.60.1-DEV\n- os/version: debian 12.11");
    RcloneVersion newest = RcloneVersion.parse("rclone v1.75.2\n- os/version: debian 12.11");

    assertThat(debian.text()).isEqualTo("v1.60.1-DEV");
    assertThat(debian.isModern()).isFalse();
    assertThat(debian.hasConflictResolve()).isFalse();
    assertThat(RcloneVersion.parse("rclone v1.65.2").isModern()).isFalse();
    assertThat(RcloneVersion.parse("rclone v1.66.0").isModern()).isTrue();
    assertThat(newest.isModern()).isTrue();
    assertThat(RcloneVersion.parse("rclone v2.0.0").isModern()).isTrue();
  }

  @Test
  void anRcloneOlderThanTheOldestSupportedIsRefusedNamingBothVersions() {
    assertThatThrownBy(
            () -> RcloneVersion.parse("rclone v1.59.2").requireSupported("/opt/old/rclone"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rclone v1.59.2 ('/opt/old/rclone') is older than v1.60.0")
        .hasMessageContaining("Install rclone v1.60.0 or later");
    assertThat(RcloneVersion.parse("rclone v1.60.1-DEV").requireSupported("rclone").minor())
        .isEqualTo(60);
  }

  /**
   * No rclone older than 1.60 is installed here: a script that answers {@code version} as rclone
   * 1.59 does plays one.
   */
  @Test
  void theExecutorRefusesToStartOnAnRcloneOlderThanTheOldestSupported() throws IOException {
    Path old = dir.resolve("rclone");
    Files.writeString(old, "#!/bin/sh\necho 'rclone v1.59.2'\necho '- os/type: linux'\n");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> new Rclone(properties(old.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rclone v1.59.2")
        .hasMessageContaining("older than v1.60.0, the oldest rclone syncplan supports");
  }

  @Test
  @WithRclone
  void theExecutorStartsOnTheRcloneUnderTest() {
    Rclone rclone = new Rclone(properties(TestRclone.binary()));

    assertThat(rclone.version().text()).isEqualTo(TestRclone.require().version());
    assertThat(rclone.version().isModern()).isEqualTo(TestRclone.require().isAtLeast(1, 66));
  }

  private ExecutorProperties properties(String binary) {
    return new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "syncplan.executor.rclone",
                    binary,
                    "syncplan.executor.work-dir",
                    dir.resolve("work").toString())))
        .bindOrCreate("syncplan.executor", ExecutorProperties.class);
  }
}
