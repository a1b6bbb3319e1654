package io.syncplan.executor.bandwidth;

import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneRunner.RunningRclone;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rclone's part of the executor's bandwidth cap, held from before it starts until it has ended:
 * start {@link #command()}, hand the started rclone to {@link #started}, and close the share when
 * rclone has ended. A command that moves no data, or any command without a cap, holds no part and
 * runs as it is.
 */
public final class BandwidthShare implements AutoCloseable {

  static final String USER = "syncplan";

  /**
   * What rclone logs once its remote control listens (it was told to listen on loopback), as the
   * whole message of a JSON log line: a file name in another line cannot pass for it, since JSON
   * escapes the quotes it would need.
   */
  private static final Pattern SERVING =
      Pattern.compile("\"msg\":\"Serving remote control on (http://127\\.0\\.0\\.1:\\d{1,5}/)\"");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final BandwidthShares shares;
  private final Timetable ownLimit;
  private final String password;
  private RcloneCommand command;
  private volatile URI address;

  /** The limit rclone has now, as far as the executor knows; written by the balancer only. */
  private volatile Rate applied;

  /** Failed attempts to set the limit in a row; the balancer's alone. */
  private int failures;

  private BandwidthShare(BandwidthShares shares, Timetable ownLimit, RcloneCommand command) {
    this.shares = shares;
    this.ownLimit = ownLimit;
    this.command = command;
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static BandwidthShare unshared(RcloneCommand command) {
    return new BandwidthShare(null, Timetable.NONE, command);
  }

  static BandwidthShare shared(BandwidthShares shares, Timetable ownLimit, RcloneCommand command) {
    return new BandwidthShare(shares, ownLimit, command);
  }

  /** The command to start: with its remote control and its share as its first limit, if shared. */
  public RcloneCommand command() {
    return command;
  }

  /** Follows the started rclone's log for the address of its remote control. */
  public RunningRclone started(RunningRclone running) {
    if (shares != null) {
      running.watchLog(this::logLine);
    }
    return running;
  }

  /** Gives the share back to the runs still running. */
  @Override
  public void close() {
    if (shares != null) {
      shares.leave(this);
    }
  }

  private void logLine(String line) {
    if (address != null || !line.contains("Serving remote control on")) {
      return;
    }
    Matcher serving = SERVING.matcher(line);
    if (serving.find()) {
      address = URI.create(serving.group(1));
      shares.ready();
    }
  }

  void startsWith(Rate limit, RcloneCommand command) {
    this.applied = limit;
    this.command = command;
  }

  Timetable ownLimit() {
    return ownLimit;
  }

  String password() {
    return password;
  }

  /** Where its remote control listens; null until rclone said so. */
  URI address() {
    return address;
  }

  String authorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Rate applied() {
    return applied;
  }

  void applied(Rate limit) {
    applied = limit;
    failures = 0;
  }

  /** Counts a failed attempt to set the limit; returns how many failed in a row. */
  int failed() {
    return ++failures;
  }
}
