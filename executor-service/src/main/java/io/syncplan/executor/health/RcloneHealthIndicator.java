package io.syncplan.executor.health;

import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The rclone this executor runs, in {@code /actuator/health} and its readiness group: its version
 * and what it can do. rclone is really started ({@code rclone version}) to tell, at most once per
 * {@link #CHECK_EVERY}, so that probes do not fork a process each; an executor whose rclone went
 * missing (a volume unmounted, an image without it) is DOWN and so taken out of service.
 */
@Component
class RcloneHealthIndicator implements HealthIndicator {

  static final Duration CHECK_EVERY = Duration.ofSeconds(30);

  /** The outcome of one check. */
  private record Check(Instant at, RcloneVersion version, String error) {}

  private final Rclone rclone;
  private final Clock clock;
  private final Duration checkEvery;
  private Check last;

  @Autowired
  RcloneHealthIndicator(Rclone rclone, Clock clock) {
    this(rclone, clock, CHECK_EVERY);
  }

  RcloneHealthIndicator(Rclone rclone, Clock clock, Duration checkEvery) {
    this.rclone = rclone;
    this.clock = clock;
    this.checkEvery = checkEvery;
  }

  @Override
  public Health health() {
    Check check = check();
    if (check.error() != null) {
      return Health.down()
          .withDetail("binary", rclone.binary())
          .withDetail("error", check.error())
          .withDetail("checkedAt", check.at().toString())
          .build();
    }
    return Health.up()
        .withDetail("version", check.version().text())
        .withDetail("binary", rclone.binary())
        .withDetail("bisyncConflictResolve", check.version().hasConflictResolve())
        .withDetail("checkedAt", check.at().toString())
        .build();
  }

  private synchronized Check check() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(last.at().plus(checkEvery))) {
      try {
        last = new Check(now, rclone.probe(), null);
      } catch (RuntimeException e) {
        last = new Check(now, null, e.getMessage());
      }
    }
    return last;
  }
}
