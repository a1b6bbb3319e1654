package io.syncplan.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandwidthLimitTest {

  static final List<String> ACCEPTED =
      List.of(
          "10M",
          "512k",
          "off",
          "0",
          "1.5M",
          "100",
          "10M:1M",
          "off:1M",
          "08:00,512k 19:00,off",
          "Mon-00:00,off Sat-08:00,1M:off",
          "monday-08:00,1M");
  static final List<String> REFUSED =
      List.of("8:00,1M", "25:00,1M", "10X", "1M:2M:3M", "08:00,512k;19:00,off", "Xyz-08:00,1M");

  @Test
  void acceptsRatesUploadDownloadPairsAndTimetables() {
    for (String value : ACCEPTED) {
      assertThat(BandwidthLimit.problem(value)).as(value).isEmpty();
    }
  }

  @Test
  void theErrorPointsAtTheBadPart() {
    assertThat(BandwidthLimit.problem("08:00,512k 25:00,off"))
        .contains("'25:00' is not a time of day: write HH:MM, 00:00 to 23:59");
    assertThat(BandwidthLimit.problem("08:00,512k 19:00,fast"))
        .contains(
            "'fast' in '19:00,fast' is not a rate: write a number with an optional unit B, K, M,"
                + " G, T or P (KiB/s without one), or off");
    assertThat(BandwidthLimit.problem("10X")).get().asString().startsWith("'10X' is not a rate");
    assertThat(BandwidthLimit.problem("Fun-08:00,1M"))
        .contains("'Fun' in 'Fun-08:00' is not a day: write Mon to Sun");
    assertThat(BandwidthLimit.problem("08:00 512k"))
        .contains("'08:00' is not a timetable entry: write [Day-]HH:MM,rate, e.g. 08:00,512k");
    assertThat(BandwidthLimit.problem("1M:2M:3M")).get().asString().contains("more than one ':'");
    assertThat(BandwidthLimit.problem(" ")).isPresent();
  }

  /** The rule is the subset every supported rclone takes: the oldest one installed agrees. */
  @Test
  void rcloneAgreesWithEveryVerdict(@TempDir Path empty) throws Exception {
    Path rclone = Path.of("/usr/bin/rclone");
    assumeTrue(Files.isExecutable(rclone), "rclone is installed");
    for (String value : ACCEPTED) {
      assertThat(rcloneTakes(rclone, empty, value)).as(value).isTrue();
    }
    for (String value : REFUSED) {
      assertThat(BandwidthLimit.problem(value)).as(value).isPresent();
      assertThat(rcloneTakes(rclone, empty, value)).as(value).isFalse();
    }
  }

  private static boolean rcloneTakes(Path rclone, Path empty, String bwlimit)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                rclone.toString(),
                "lsf",
                empty.toString(),
                "--config",
                empty.resolve("none.conf").toString(),
                "--bwlimit",
                bwlimit)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0;
  }
}
