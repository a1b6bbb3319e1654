package io.syncplan.executor.command;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context a command record carries (W3C trace context, B3 single and multi header,
 * baggage), kept with its run in the ledger so that the run continues the command's trace on
 * whichever executor runs it, however long it waits. Only these headers are kept, and only short
 * values: the ledger is no place for whatever else a producer put on a record.
 */
final class TraceHeaders {

  private static final Set<String> PROPAGATION =
      Set.of(
          "traceparent",
          "tracestate",
          "baggage",
          "b3",
          "x-b3-traceid",
          "x-b3-spanid",
          "x-b3-parentspanid",
          "x-b3-sampled",
          "x-b3-flags");

  private static final int MAX_VALUE_LENGTH = 1024;

  private TraceHeaders() {}

  static Map<String, String> of(Headers headers) {
    Map<String, String> kept = new HashMap<>();
    for (Header header : headers) {
      if (header.value() != null
          && header.value().length <= MAX_VALUE_LENGTH
          && PROPAGATION.contains(header.key().toLowerCase(Locale.ROOT))) {
        // The last value wins, as a propagator reading the record would see it.
        kept.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return Map.copyOf(kept);
  }
}
