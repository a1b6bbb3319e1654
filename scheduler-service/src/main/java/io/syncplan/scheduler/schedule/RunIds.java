package io.syncplan.scheduler.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run ids the scheduler makes, so that sending the same run twice names the same run, which the
 * executors run once: a scheduled run's is the plan id and the scheduled time, a chained run's the
 * plan id and the run that started it.
 */
public final class RunIds {

  private static final DateTimeFormatter COMPACT_UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  /** Triggering run ids up to this long are kept as they are; longer ones become a hash. */
  static final int MAX_TRIGGERING_ID = 56;

  public static String scheduled(String planId, Instant scheduledAt) {
    return planId + "-" + COMPACT_UTC.format(scheduledAt);
  }

  /**
   * {@code <planId>-after-<triggering run id>}. A triggering run that was chained itself has a long
   * id; it is shortened to a hash of it, so that the ids of a long chain do not grow link by link
   * (executors name a folder after the run).
   */
  public static String chained(String planId, String triggeringRunId) {
    String cause =
        triggeringRunId.length() <= MAX_TRIGGERING_ID && !triggeringRunId.contains("-after-")
            ? triggeringRunId
            : "h" + hash(triggeringRunId);
    return planId + "-after-" + cause;
  }

  private static String hash(String runId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
