package io.syncplan.scheduler;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The pool a {@link OneScheduler} test class puts its plans in: records the pool's command topic
 * (and the other topics named) for the class, sends plan and run events as plan-service and the
 * executors do, and after each test deletes the plans the test made and waits until the scheduler
 * has forgotten them, so that the counters a test reads move only for its own plans.
 */
final class PoolUnderTest implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private final String pool;
  private final String[] topics;
  private final List<String> made = new ArrayList<>();
  private KafkaRecorder recorder;
  private TestEvents events;
  private ScheduleBook book;

  PoolUnderTest(String pool, String... otherTopics) {
    this.pool = pool;
    this.topics =
        Stream.concat(Stream.of(Topics.commands(pool)), Stream.of(otherTopics))
            .toArray(String[]::new);
  }

  /** Waits up to 20 s, looking every 20 ms. */
  static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (recorder == null) {
      ApplicationContext scheduler = SpringExtension.getApplicationContext(context);
      scheduler.getBean(CommandTopics.class).ensure(pool).block();
      String bootstrapServers =
          SyncplanInfrastructureExtension.infrastructure(context).bootstrapServers();
      recorder = KafkaRecorder.record(bootstrapServers, topics);
      events = new TestEvents(bootstrapServers);
      book = scheduler.getBean(ScheduleBook.class);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    events.tombstones(made);
    await().until(() -> made.stream().allMatch(id -> book.get(id) == null));
    made.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (recorder != null) {
      recorder.close();
      events.close();
    }
  }

  String name() {
    return pool;
  }

  /** Takes a plan the test made, to be deleted after it. */
  String made(String planId) {
    made.add(planId);
    return planId;
  }

  TestEvents events() {
    return events;
  }

  KafkaRecorder recorder() {
    return recorder;
  }

  /** The run commands sent for the plan so far, in order. */
  List<RunRequested> commands(String planId) {
    return recorder
        .envelopes(e -> e.planId().equals(planId) && e.payload() instanceof RunRequested)
        .stream()
        .map(e -> (RunRequested) e.payload())
        .toList();
  }
}
