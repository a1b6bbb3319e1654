package io.syncplan.executor;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringApplication;

/**
 * The executor on a machine whose clock is off by {@code -Dsyncplan.test.clock-skew} (an ISO-8601
 * duration such as {@code PT-1.5S}): every time it reads, writes and judges leases with is that
 * much off.
 */
public final class SkewedClockExecutor {

  private SkewedClockExecutor() {}

  public static void main(String[] args) {
    Duration skew = Duration.parse(System.getProperty("syncplan.test.clock-skew", "PT0S"));
    SpringApplication application = ExecutorServiceApplication.application();
    application.setMainApplicationClass(ExecutorServiceApplication.class);
    application.addInitializers(
        context ->
            context
                .getBeanFactory()
                .registerSingleton("clock", Clock.offset(Clock.systemUTC(), skew)));
    application.run(args);
  }
}
