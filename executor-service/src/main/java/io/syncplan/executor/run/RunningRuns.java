package io.syncplan.executor.run;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The runs this executor is running now, to stop one quickly or all of them at shutdown. */
@Component
public class RunningRuns {

  private final Map<String, RunControl> runs = new ConcurrentHashMap<>();

  RunControl register(String runId) {
    RunControl control = new RunControl();
    runs.put(runId, control);
    return control;
  }

  void remove(String runId) {
    runs.remove(runId);
  }

  /** Stops the run if it runs here; true if it did. */
  public boolean cancel(String runId) {
    RunControl control = runs.get(runId);
    if (control == null) {
      return false;
    }
    control.stop(RunControl.StopReason.CANCEL_REQUESTED);
    return true;
  }

  /** Shutting down: runs waiting to retry stop now, running attempts may end, none starts. */
  void drain() {
    runs.values().forEach(RunControl::drain);
  }

  void stopAll(RunControl.StopReason reason) {
    runs.values().forEach(control -> control.stop(reason));
  }

  public Set<String> runIds() {
    return Set.copyOf(runs.keySet());
  }

  public int count() {
    return runs.size();
  }
}
