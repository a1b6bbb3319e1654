package io.syncplan.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables a {@link WithRclone} test only where the rclone it needs runs. */
final class RcloneCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestRclone.underTest().isEmpty()) {
      return unavailable(TestRclone.missing());
    }
    return ConditionEvaluationResult.enabled("runs on " + TestRclone.require());
  }

  /**
   * Skips the test with the reason, or fails it where {@value TestRclone#REQUIRED} is set (as in
   * CI), so that no build passes having left out what it should have tested.
   */
  static ConditionEvaluationResult unavailable(String reason) {
    if (TestRclone.required()) {
      throw new IllegalStateException(
          reason
              + ". "
              + TestRclone.REQUIRED
              + " is set: this build must run every rclone test, on every rclone it supports");
    }
    return ConditionEvaluationResult.disabled(reason + ": skipped");
  }
}
