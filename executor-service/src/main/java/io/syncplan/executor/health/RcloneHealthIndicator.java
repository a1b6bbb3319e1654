package io.syncplan.executor.health;

import io.syncplan.executor.rclone.Rclone;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The rclone this executor runs, in {@code /actuator/health}: its version and what it can do. The
 * executor does not start without rclone, so this is up whenever the executor is.
 */
@Component
class RcloneHealthIndicator implements HealthIndicator {

  private final Rclone rclone;

  RcloneHealthIndicator(Rclone rclone) {
    this.rclone = rclone;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("version", rclone.version().text())
        .withDetail("binary", rclone.binary())
        .withDetail("bisyncConflictResolve", rclone.version().hasConflictResolve())
        .build();
  }
}
