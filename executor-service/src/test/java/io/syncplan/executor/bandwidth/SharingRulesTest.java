package io.syncplan.executor.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the cap is shared out and how a plan's own limit is read at a moment; no rclone. */
class SharingRulesTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void runsWithoutLimitsOfTheirOwnGetEqualParts() {
    assertThat(FairShares.of(Rate.parse("4M"), List.of(Rate.OFF, Rate.OFF)))
        .containsExactly(new Rate(2 * MIB, 2 * MIB), new Rate(2 * MIB, 2 * MIB));
  }

  @Test
  void whatARunsOwnLimitLeavesGoesToTheOthersUploadAndDownloadEachOnTheirOwn() {
    assertThat(
            FairShares.of(
                Rate.parse("10M:1M"), List.of(Rate.OFF, Rate.parse("2M"), Rate.parse("off:100k"))))
        .containsExactly(
            new Rate(4 * MIB, 462 * 1024),
            new Rate(2 * MIB, 462 * 1024),
            new Rate(4 * MIB, 100 * 1024));
  }

  @Test
  void noShareComesOutAsZeroWhichRcloneWouldReadAsNoLimit() {
    assertThat(FairShares.of(Rate.parse("2B"), List.of(Rate.OFF, Rate.OFF, Rate.OFF)))
        .allSatisfy(share -> assertThat(share.upload()).isPositive());
  }

  @Test
  void ratesGoToRcloneInExactBytes() {
    assertThat(Rate.parse("10M:1.5k").toRclone()).isEqualTo("10485760B:1536B");
    assertThat(Rate.parse("512").toRclone()).isEqualTo("524288B");
    assertThat(Rate.parse("off:2M").toRclone()).isEqualTo("off:2097152B");
    assertThat(Rate.parse("0").isLimited()).isFalse();
  }

  @Test
  void aTimetableIsReadAtTheMomentAsRcloneReadsIt() {
    Timetable daily = Timetable.parse("08:00,512k 19:00,10M:1M");

    assertThat(daily.at(at(2026, 12, 3, 7, 59))).isEqualTo(Rate.parse("10M:1M"));
    assertThat(daily.at(at(2026, 12, 3, 8, 0))).isEqualTo(Rate.parse("512k"));
    assertThat(daily.at(at(2026, 12, 3, 19, 30))).isEqualTo(Rate.parse("10M:1M"));

    Timetable weekly = Timetable.parse("Mon-00:00,off Sat-08:00,1M");
    // 2026-12-06 is a Sunday: still Saturday's limit, the week's last.
    assertThat(weekly.at(at(2026, 12, 6, 10, 0))).isEqualTo(Rate.parse("1M"));
    assertThat(weekly.at(at(2026, 12, 7, 10, 0))).isEqualTo(Rate.OFF);
    assertThat(Timetable.parse(null).at(at(2026, 12, 7, 10, 0))).isEqualTo(Rate.OFF);
  }

  @Test
  void theCapIsARateAPairOrATimetableAndOffOrNothingIsNoCap() {
    ZonedDateTime thursdayNoon = at(2026, 12, 3, 12, 0);
    assertThat(new BandwidthProperties("10M:1M").cap().orElseThrow().at(thursdayNoon))
        .isEqualTo(Rate.parse("10M:1M"));
    assertThat(new BandwidthProperties("08:00,2M 18:00,off").cap().orElseThrow().at(thursdayNoon))
        .isEqualTo(Rate.parse("2M"));
    assertThat(new BandwidthProperties("off").cap()).isEmpty();
    assertThat(new BandwidthProperties("08:00,off 18:00,0").cap()).isEmpty();
    assertThat(new BandwidthProperties(" ").cap()).isEmpty();
    assertThatThrownBy(() -> new BandwidthProperties("fast"))
        .hasMessageContaining("syncplan.executor.bandwidth")
        .hasMessageContaining("'fast' is not a rate");
    assertThatThrownBy(() -> new BandwidthProperties("25:00,1M"))
        .hasMessageContaining("syncplan.executor.bandwidth")
        .hasMessageContaining("'25:00' is not a time of day");
  }

  private static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(ZoneOffset.UTC);
  }
}
