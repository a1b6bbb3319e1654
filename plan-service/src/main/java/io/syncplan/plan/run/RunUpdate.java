package io.syncplan.plan.run;

/**
 * A change of a run, as live streams send it.
 *
 * @param event {@code run} (a run newly seen, or as it is when a stream starts), {@code status},
 *     {@code progress}, {@code update} (anything else, an attempt recorded say) or {@code finished}
 * @param run the whole run after the change
 */
record RunUpdate(String event, RunResponse run) {

  static RunUpdate between(RunDocument previous, RunDocument run) {
    RunResponse after = RunResponse.of(run);
    return new RunUpdate(
        eventName(previous == null ? null : RunResponse.of(previous), after), after);
  }

  /** What a change from {@code previous} (null: none seen yet) to {@code run} is called. */
  static String eventName(RunResponse previous, RunResponse run) {
    if (run.status().isFinal()) {
      return "finished";
    } else if (previous == null) {
      return "run";
    } else if (previous.status() != run.status()) {
      return "status";
    } else if (!java.util.Objects.equals(previous.progress(), run.progress())) {
      return "progress";
    }
    return "update";
  }

  /** Whether {@code run} shows anything {@code previous} did not. */
  static boolean isNews(RunDocument previous, RunDocument run) {
    return previous == null
        || previous.status() != run.status()
        || !java.util.Objects.equals(previous.updatedAt(), run.updatedAt())
        || !java.util.Objects.equals(previous.progress(), run.progress());
  }
}
