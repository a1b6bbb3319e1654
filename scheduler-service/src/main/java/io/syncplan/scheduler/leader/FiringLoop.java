package io.syncplan.scheduler.leader;

import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.fire.DueScheduleFirer;
import io.syncplan.scheduler.fire.ScheduleUpdatesPublisher;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The firing replica's loop: every tick, fire what is due, batch after batch while batches are
 * full, then publish the changed next fire times. When Kafka does not take commands, it waits
 * longer and longer (up to half a minute) before trying again rather than hammering it. The tick
 * and the waits are real time; what is due is decided by the injected clock.
 */
@Component
class FiringLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FiringLoop.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Leadership leadership;
  private final DueScheduleFirer firer;
  private final ScheduleUpdatesPublisher updates;
  private final SchedulerProperties properties;
  private volatile boolean running;
  private ScheduledExecutorService executor;
  private Duration backoff = Duration.ZERO;
  private long retryAtNanos;

  FiringLoop(
      Leadership leadership,
      DueScheduleFirer firer,
      ScheduleUpdatesPublisher updates,
      SchedulerProperties properties) {
    this.leadership = leadership;
    this.firer = firer;
    this.updates = updates;
    this.properties = properties;
  }

  void tick() {
    if (!leadership.readyToFire() || System.nanoTime() - retryAtNanos < 0) {
      return;
    }
    ReentrantLock firing = leadership.firingLock();
    if (!firing.tryLock()) {
      return;
    }
    try {
      DueScheduleFirer.Batch batch;
      do {
        batch = firer.fireDue();
      } while (batch.full(properties.batchSize()) && batch.failed() == 0 && leadership.isLeader());
      if (batch.failed() > 0) {
        backOff();
        return;
      }
      // A backlog of updates (after a rebuild) goes out batch after batch while Kafka takes them.
      while (leadership.isLeader() && updates.publishPending() >= properties.batchSize()) {
        Thread.onSpinWait();
      }
      backoff = Duration.ZERO;
    } catch (RuntimeException e) {
      log.warn("Firing failed, will try again: {}", e.toString());
      backOff();
    } finally {
      firing.unlock();
    }
  }

  private void backOff() {
    backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    retryAtNanos = System.nanoTime() + backoff.toNanos();
  }

  @Override
  public void start() {
    running = true;
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "scheduler-fire");
              thread.setDaemon(true);
              return thread;
            });
    long tick = properties.tick().toMillis();
    executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    executor.shutdown();
    try {
      executor.awaitTermination(properties.sendTimeout().toSeconds() + 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Leadership.PHASE + 1;
  }
}
