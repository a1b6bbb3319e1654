package io.syncplan.executor.revision;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes expired revisions of every plan of the pool that keeps them, periodically, on one
 * executor of the pool at a time (a ShedLock lock in MongoDB). Each plan that had something
 * removed, or whose clean-up failed, gets a {@link RevisionsCleaned} result.
 *
 * <p>The lock is taken through ShedLock's {@code LockingTaskExecutor} rather than
 * {@code @SchedulerLock}: its hold times follow the configured interval, and {@link #runOnce()}
 * tells its caller whether this executor ran the clean-up or another one held the lock, neither of
 * which an annotation can express.
 */
@Component
class RevisionRetentionJob implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RevisionRetentionJob.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final RevisionPlans plans;
  private final RevisionRetention retention;
  private final LockingTaskExecutor locks;
  private final MessagePublisher publisher;
  private final ExecutorProperties properties;

  RevisionRetentionJob(
      RevisionPlans plans,
      RevisionRetention retention,
      LockingTaskExecutor locks,
      MessagePublisher publisher,
      ExecutorProperties properties) {
    this.plans = plans;
    this.retention = retention;
    this.locks = locks;
    this.publisher = publisher;
    this.properties = properties;
  }

  /**
   * A clean-up every {@code revision-retention-interval}, the first one interval after the start.
   */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    Duration interval = properties.revisionRetentionInterval();
    tasks.addFixedDelayTask(new FixedDelayTask(this::scheduled, interval, interval));
  }

  void scheduled() {
    runOnce();
  }

  /**
   * Runs the clean-up now if no other executor of the pool holds the lock; the results, or empty if
   * another executor had it.
   */
  public Optional<List<RevisionsCleaned>> runOnce() {
    Duration interval = properties.revisionRetentionInterval();
    // Held at least half an interval, so executors whose clocks differ a little do not repeat it.
    LockConfiguration lock =
        new LockConfiguration(
            ClockProvider.now(),
            "revision-retention-" + properties.pool(),
            interval.multipliedBy(2),
            interval.dividedBy(2));
    List<RevisionsCleaned> results = new ArrayList<>();
    try {
      LockingTaskExecutor.TaskResult<List<RevisionsCleaned>> result =
          locks.executeWithLock(() -> cleanAll(results), lock);
      return result.wasExecuted() ? Optional.of(result.getResult()) : Optional.empty();
    } catch (Throwable e) {
      log.warn("Revision clean-up stopped: {}", e.toString());
      return Optional.of(results);
    }
  }

  private List<RevisionsCleaned> cleanAll(List<RevisionsCleaned> results) {
    List<PlanSnapshot> all = plans.all().collectList().block(PUBLISH_TIMEOUT);
    for (PlanSnapshot plan : all == null ? List.<PlanSnapshot>of() : all) {
      RevisionsCleaned cleaned = retention.clean(plan, null);
      results.add(cleaned);
      if (cleaned.foldersRemoved() > 0 || cleaned.error() != null) {
        publisher.publish(Topics.EXECUTOR_RESULTS, cleaned).block(PUBLISH_TIMEOUT);
      }
    }
    log.info("Revision clean-up looked at {} plan(s)", results.size());
    return results;
  }
}
