package io.syncplan.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Servers a test starts as child processes: waiting until they listen, stopping them. */
final class ServerProcesses {

  private ServerProcesses() {}

  /**
   * Returns once {@code process} accepts connections on {@code port} of loopback.
   *
   * @param server the server's name in the error, with where its log is if it has one
   * @throws IllegalStateException when the process exits first or does not listen within {@code
   *     timeout}
   */
  static void awaitListening(Process process, int port, Duration timeout, String server) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(server + " exited at start");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException(server + " did not open port " + port + " in " + timeout);
  }

  /** Asks {@code process} to stop, and kills it when it has not within {@code grace}. */
  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
