package io.syncplan.testsupport;

import io.syncplan.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real rclone remote served on loopback by {@code rclone serve sftp} or {@code rclone serve
 * webdav} (of the rclone under test, {@link TestRclone}) over a local folder, with a user and
 * password. It can be stopped and started again to play a remote that is down for a while.
 */
public final class LoopbackRemote implements AutoCloseable {

  /** The protocol the remote speaks. */
  public enum Kind {
    SFTP,
    WEBDAV
  }

  private final Kind kind;
  private final Path folder;
  private final int port;
  private final String user = "syncplan";
  private final String password = "loopback-secret";
  private Process process;

  private LoopbackRemote(Kind kind, Path folder) {
    this.kind = kind;
    this.folder = folder;
    this.port = FreePorts.find();
  }

  public static LoopbackRemote serve(Kind kind, Path folder) {
    LoopbackRemote remote = new LoopbackRemote(kind, folder);
    remote.start();
    return remote;
  }

  /** Starts serving; waits until the port accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command =
        List.of(
            TestRclone.binary(),
            "serve",
            kind == Kind.SFTP ? "sftp" : "webdav",
            folder.toAbsolutePath().toString(),
            "--addr",
            "127.0.0.1:" + port,
            "--user",
            user,
            "--pass",
            password);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start rclone serve (is rclone installed?)", e);
    }
    ServerProcesses.awaitListening(process, port, Duration.ofSeconds(15), "rclone serve " + type());
  }

  /** Stops serving, as a remote that went down. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    ServerProcesses.stop(process, Duration.ofSeconds(5));
    process = null;
  }

  public Kind kind() {
    return kind;
  }

  public int port() {
    return port;
  }

  /** The rclone backend type of this remote. */
  public String type() {
    return kind == Kind.SFTP ? "sftp" : "webdav";
  }

  /** Plain (non-secret) rclone options of the remote. */
  public Map<String, String> options() {
    return kind == Kind.SFTP
        ? Map.of("host", "127.0.0.1", "port", String.valueOf(port), "user", user)
        : Map.of("url", "http://127.0.0.1:" + port, "vendor", "other", "user", user);
  }

  /** The secret rclone options of the remote, in clear (rclone wants "pass" obscured). */
  public Map<String, String> secrets() {
    return Map.of("pass", password);
  }

  /** rclone's obscured form of a password, as its config and environment variables take it. */
  public static String obscure(String secret) {
    try {
      Process obscure = new ProcessBuilder(TestRclone.binary(), "obscure", "-").start();
      obscure.getOutputStream().write(secret.getBytes(StandardCharsets.UTF_8));
      obscure.getOutputStream().close();
      String out = new String(obscure.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      obscure.waitFor(10, TimeUnit.SECONDS);
      return out.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
