package io.syncplan.executor.bandwidth;

import io.syncplan.contracts.policy.BandwidthLimit;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bandwidth the most all runs of this executor may move at once ({@code
 *     SYNCPLAN_EXECUTOR_BANDWIDTH}), in rclone's {@code --bwlimit} syntax: one rate ({@code 10M}),
 *     separate upload and download rates ({@code 10M:1M}), or a timetable ({@code "08:00,2M
 *     18:00,off"}, to spare an office's uplink in working hours). The runs transferring at the
 *     moment share it evenly, and it is shared out again whenever one starts or ends; a run whose
 *     plan asks for less keeps to its own limit and leaves the rest to the others. None by default,
 *     and then rclone's remote control is never started.
 */
@ConfigurationProperties("syncplan.executor")
public record BandwidthProperties(String bandwidth) {

  private static final String SETTING = "syncplan.executor.bandwidth";

  public BandwidthProperties {
    bandwidth = bandwidth == null || bandwidth.isBlank() ? null : bandwidth.strip();
    if (bandwidth != null) {
      Optional<String> problem = BandwidthLimit.problem(bandwidth);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(SETTING + ": " + problem.get());
      }
    }
  }

  /** The cap, if there is one: none when not set or never limiting anything ({@code off}). */
  Optional<Timetable> cap() {
    return Optional.ofNullable(bandwidth).map(Timetable::parse).filter(Timetable::limits);
  }
}
