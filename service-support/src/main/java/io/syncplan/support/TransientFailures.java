package io.syncplan.support;

import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Failures that pass by themselves: MongoDB or Kafka did not answer in time, or not at all. A
 * message whose handling failed this way is tried again until it succeeds, never dead-lettered: the
 * message itself is fine, and parking it would lose what it asked for (a run command left
 * unrecorded, a run's outcome never applied to its history).
 */
public final class TransientFailures {

  /** By name, since a service without MongoDB does not have these classes. */
  private static final Set<String> TRANSIENT_TYPES =
      Set.of(
          "org.springframework.dao.DataAccessResourceFailureException",
          "org.springframework.dao.TransientDataAccessException",
          "com.mongodb.MongoSocketException",
          "com.mongodb.MongoTimeoutException",
          "com.mongodb.MongoExecutionTimeoutException");

  private TransientFailures() {}

  /** True when the failure, or one of its causes, is an outage rather than a bad message. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RetriableException || cause instanceof TimeoutException) {
        return true;
      }
      for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
        if (TRANSIENT_TYPES.contains(type.getName())) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
