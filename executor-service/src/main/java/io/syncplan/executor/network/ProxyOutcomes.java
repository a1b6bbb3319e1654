package io.syncplan.executor.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Counts the connections rclone asked the vetting proxy for, by what became of them. */
final class ProxyOutcomes {

  static final String CONNECTIONS = "syncplan.executor.proxy.connections";

  /** What became of a connection. */
  enum Outcome {
    /** connected to an address the policy checked */
    PINNED,
    /** the policy refused the destination */
    REFUSED,
    /** the destination did not resolve or accept a connection */
    UNREACHABLE,
    /** the request lacked the proxy's credential */
    UNAUTHORIZED,
    /** the request was not one the proxy understands */
    MALFORMED
  }

  private final MeterRegistry registry;

  ProxyOutcomes(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(Outcome outcome) {
    Counter.builder(CONNECTIONS)
        .description("connections rclone asked the executor's vetting proxy for")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
