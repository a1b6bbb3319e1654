package io.syncplan.scheduler.leader;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.fire.DueScheduleFirer;
import io.syncplan.scheduler.schedule.PlanEventsCatchUp;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleHistory;
import io.syncplan.scheduler.schedule.ScheduleStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.javacrumbs.shedlock.core.LockProvider;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Which replica fires. Every replica tries to take the lease; the one holding it loads the stored
 * schedules into the book, starts reading plan and run events where the stored schedules end, and
 * fires. The others stand by. A replica that loses its lease, or shuts down, stops firing and
 * reading first and then lets the lease go, so the next one takes over at once.
 */
@Component
public class Leadership implements SmartLifecycle {

  /** Starts before and stops after the firing loop. */
  static final int PHASE = Integer.MAX_VALUE - 2000;

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

  /** The most a clean stop waits for the lease and take-over threads. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private enum State {
    STANDING_BY,
    TAKING_OVER,
    FIRING
  }

  private final LeaderLease lease;
  private final ScheduleBook book;
  private final ScheduleStore store;
  private final PlanEventsCatchUp catchUp;
  private final ScheduleHistory history;
  private final EventListeners listeners;
  private final DueScheduleFirer firer;
  private final SchedulerProperties properties;
  private final ReentrantLock firing = new ReentrantLock();
  private final ReentrantLock transitions = new ReentrantLock();
  private volatile State state = State.STANDING_BY;
  private volatile long tookOverAtNanos;
  private volatile boolean running;
  private ScheduledExecutorService leaseThread;
  private ExecutorService takeOverThread;

  Leadership(
      LockProvider locks,
      MongoCollection<Document> lockCollection,
      ScheduleBook book,
      ScheduleStore store,
      PlanEventsCatchUp catchUp,
      ScheduleHistory history,
      EventListeners listeners,
      DueScheduleFirer firer,
      SchedulerProperties properties,
      MeterRegistry meters) {
    this.lease = new LeaderLease(locks, lockCollection, properties.lease());
    this.book = book;
    this.store = store;
    this.catchUp = catchUp;
    this.history = history;
    this.listeners = listeners;
    this.firer = firer;
    this.properties = properties;
    Gauge.builder("syncplan.scheduler.leader", () -> isLeader() ? 1 : 0)
        .description("1 on the replica that fires, 0 on the ones standing by")
        .register(meters);
    Gauge.builder("syncplan.scheduler.plans", book::size)
        .description("Plans known to the firing replica")
        .register(meters);
    Gauge.builder("syncplan.scheduler.schedules", book::scheduled)
        .description("Plans with a next fire time (scheduled, not paused) on the firing replica")
        .register(meters);
  }

  /** Whether this replica holds the lease and fires. */
  public boolean isLeader() {
    return state == State.FIRING && lease.isValid();
  }

  /**
   * Whether the firing loop may fire: this replica leads, and has read the plan events that were
   * waiting when it took over (or waited long enough for them).
   */
  public boolean readyToFire() {
    if (!isLeader()) {
      return false;
    }
    if (catchUp.caughtUp()) {
      return true;
    }
    return System.nanoTime() - tookOverAtNanos > properties.catchUpTimeout().toNanos();
  }

  /** Held by the firing loop while it fires; stepping down waits for it. */
  public ReentrantLock firingLock() {
    return firing;
  }

  /** Renews the lease, or tries to take it; taking over runs beside, so renewals go on. */
  private void maintain() {
    try {
      if (state != State.STANDING_BY) {
        if (!lease.renew()) {
          log.warn("This replica stops firing: its lease was taken over");
          stepDown();
        }
      } else if (running && lease.tryAcquire()) {
        state = State.TAKING_OVER;
        takeOverThread.execute(this::takeOver);
      }
    } catch (RuntimeException e) {
      log.warn("Could not renew or take the scheduler lease: {}", e.toString());
      if (state != State.STANDING_BY && !lease.isValid()) {
        log.warn("This replica stops firing: its lease could not be renewed in time");
        stepDown();
      }
    }
  }

  private void takeOver() {
    long started = System.nanoTime();
    transitions.lock();
    try {
      if (state != State.TAKING_OVER) {
        return;
      }
      boolean empty = Boolean.TRUE.equals(store.isEmpty().block(LOAD_TIMEOUT));
      if (empty) {
        history.read(LOAD_TIMEOUT);
      }
      catchUp.reset(empty);
      List<PlanSchedule> stored = store.loadAll().collectList().block(LOAD_TIMEOUT);
      book.load(stored);
      tookOverAtNanos = System.nanoTime();
      listeners.start();
      state = State.FIRING;
      log.info(
          "This replica fires now: {} schedules loaded in {} ms",
          stored.size(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    } catch (RuntimeException e) {
      log.warn("Could not take over firing, letting the lease go: {}", e.toString());
      state = State.STANDING_BY;
      listeners.stop();
      book.clear();
      lease.release();
    } finally {
      transitions.unlock();
    }
  }

  /** Stops firing and reading; waits for a take-over in progress and for the current batch. */
  private void stepDown() {
    transitions.lock();
    try {
      state = State.STANDING_BY;
      firing.lock();
      try {
        listeners.stop();
        book.clear();
        history.forget();
        firer.reset();
      } finally {
        firing.unlock();
      }
    } finally {
      transitions.unlock();
    }
  }

  @Override
  public void start() {
    running = true;
    leaseThread = Executors.newSingleThreadScheduledExecutor(daemon("scheduler-lease"));
    takeOverThread = Executors.newSingleThreadExecutor(daemon("scheduler-take-over"));
    leaseThread.scheduleWithFixedDelay(
        this::maintain, 0, properties.leaseRenewal().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void stop() {
    running = false;
    leaseThread.shutdown();
    takeOverThread.shutdown();
    try {
      leaseThread.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      takeOverThread.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (state != State.STANDING_BY) {
      log.info("This replica stops firing: it is shutting down");
      stepDown();
    }
    lease.release();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
