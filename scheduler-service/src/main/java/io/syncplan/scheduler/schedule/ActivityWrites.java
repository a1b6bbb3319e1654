package io.syncplan.scheduler.schedule;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Takes turns between the two writers of the runs a plan has active, on the firing replica: the
 * firing loop, which records a run as active once its command is sent, and the run events listener,
 * which records it finished. A quick run can finish before its fire is recorded; were the fire's
 * write to reach MongoDB after the finish's, the run would stay active there, and a replica taking
 * over would find the plan busy until the run went stale. Taking turns, with the book updated
 * within the listener's turn, lets the firing loop see a finish first and leave the run out.
 */
@Component
public class ActivityWrites {

  private final ReentrantLock turn = new ReentrantLock();

  /** Runs {@code write}, which blocks until it is stored, while no other activity write does. */
  public void inTurn(Runnable write) {
    turn.lock();
    try {
      write.run();
    } finally {
      turn.unlock();
    }
  }
}
