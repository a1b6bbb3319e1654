package io.syncplan.contracts;

import java.util.regex.Pattern;

/**
 * Kafka topic names. The two public topics are fixed because downstream subscribers depend on them;
 * command topics are per executor pool so that a remote agent only ever sees its own work.
 */
public final class Topics {

  /** Compacted, key = planId: the latest snapshot of every plan, a tombstone after delete. */
  public static final String PLAN_EVENTS = "syncplan.plan-events";

  /** Key = planId: the life of every run, from queued to its final outcome. */
  public static final String RUN_EVENTS = "syncplan.run-events";

  /**
   * Key = planId (or storage id): what executors report back besides runs, such as plan
   * initialisation, storage checks and revision clean-ups. Internal.
   */
  public static final String EXECUTOR_RESULTS = "syncplan.executor-results";

  /** Compacted, key = planId: when each plan fires next, as the scheduler sees it. Internal. */
  public static final String SCHEDULE_EVENTS = "syncplan.schedule-events";

  /** Key = planId: test notifications asked for through the API. Internal. */
  public static final String NOTIFICATION_COMMANDS = "syncplan.notification-commands";

  /** Key = planId: how each notification delivery went, for the API's delivery log. Internal. */
  public static final String NOTIFICATION_EVENTS = "syncplan.notification-events";

  /** Key = planId: run, cancel and maintenance commands for the executors of one pool. */
  public static final String COMMANDS_PREFIX = "syncplan.commands.";

  /** The pool of executors that takes plans which name no pool. */
  public static final String DEFAULT_POOL = "default";

  private static final Pattern POOL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Topics() {}

  /** The command topic of an executor pool. */
  public static String commands(String pool) {
    return COMMANDS_PREFIX + requireValidPool(pool);
  }

  /** Where a record that could not be processed is parked, next to the topic it came from. */
  public static String deadLetter(String topic) {
    return topic + ".dlt";
  }

  /** True when the name can be used for an executor pool (and hence in a topic name). */
  public static boolean isValidPool(String pool) {
    return pool != null && POOL_NAME.matcher(pool).matches();
  }

  public static String requireValidPool(String pool) {
    if (!isValidPool(pool)) {
      throw new IllegalArgumentException(
          "pool must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit: "
              + pool);
    }
    return pool;
  }
}
