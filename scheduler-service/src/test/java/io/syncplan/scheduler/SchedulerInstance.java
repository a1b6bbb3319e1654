package io.syncplan.scheduler;

import io.syncplan.scheduler.leader.Leadership;
import io.syncplan.scheduler.schedule.ScheduleBook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduler replica of its own in the test JVM: a separate Spring application, as a second pod
 * would be, sharing the test's Kafka broker, MongoDB and clock.
 */
final class SchedulerInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private SchedulerInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts a replica of the service {@code name} (its consumer groups) on {@code database}.
   *
   * @param extra further {@code --property=value} arguments
   */
  static SchedulerInstance start(String name, String database, Clock clock, String... extra) {
    SpringApplication application = SchedulerServiceApplication.application();
    application.addInitializers(
        context -> context.getBeanFactory().registerSingleton("clock", clock));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false",
                "--spring.application.name=" + name,
                "--spring.mongodb.database=" + database,
                "--syncplan.scheduler.tick=50ms",
                "--syncplan.scheduler.lease=3s",
                "--syncplan.scheduler.lease-renewal=200ms"));
    Collections.addAll(args, extra);
    return new SchedulerInstance(application.run(args.toArray(String[]::new)));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  boolean leads() {
    return bean(Leadership.class).isLeader();
  }

  ScheduleBook book() {
    return bean(ScheduleBook.class);
  }

  boolean isRunning() {
    return context.isActive();
  }

  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }
}
