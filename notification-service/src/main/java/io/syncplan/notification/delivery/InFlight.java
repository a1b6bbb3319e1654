package io.syncplan.notification.delivery;

import java.time.Duration;

/** Counts attempts in flight, so that a stop can wait for them to be recorded. */
final class InFlight {

  private int count;

  synchronized void enter() {
    count++;
  }

  synchronized void leave() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  /** Waits until nothing is in flight; false when that did not happen within the timeout. */
  synchronized boolean awaitNone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
