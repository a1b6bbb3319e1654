package io.syncplan.executor.bandwidth;

import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The executor-wide bandwidth cap ({@code syncplan.executor.bandwidth}), shared by the rclone
 * processes that move data at the moment ({@link FairShares}). Each such rclone starts with its
 * share as its {@code --bwlimit} and with its remote control on; whenever one starts or ends, and
 * every {@link #TICK} (for timetables, the cap's and plans', and for a change that did not get
 * through), every other is given its new share through {@code core/bwlimit}, one after another on a
 * thread of their own, so that a run never waits for it. An rclone is told only once its remote
 * control listens; one that cannot be told keeps its last limit, which is logged and never fails
 * its run.
 */
@Component
public class BandwidthShares implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BandwidthShares.class);

  /** What moves file contents; a dry run moves none. */
  private static final Set<String> MOVING_DATA = Set.of("sync", "copy", "bisync");

  static final Duration TICK = Duration.ofSeconds(30);
  private static final Duration RETRY_DELAY = Duration.ofMillis(500);
  private static final int QUICK_RETRIES = 3;

  private final Timetable cap;
  private final RcloneCommandBuilder commands;
  private final Clock clock;
  private final List<BandwidthShare> holders = new ArrayList<>();
  private final ScheduledExecutorService balancer;
  private final RemoteControl remoteControl;

  BandwidthShares(BandwidthProperties properties, RcloneCommandBuilder commands, Clock clock) {
    this.cap = properties.cap().orElse(null);
    this.commands = commands;
    this.clock = clock;
    if (cap == null) {
      this.balancer = null;
      this.remoteControl = null;
      return;
    }
    CustomizableThreadFactory threads = new CustomizableThreadFactory("bandwidth-shares-");
    threads.setDaemon(true);
    this.balancer = new ScheduledThreadPoolExecutor(1, threads);
    this.remoteControl = new RemoteControl();
    balancer.scheduleWithFixedDelay(
        this::rebalance, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    log.info("The runs of this executor share a bandwidth cap of {}", properties.bandwidth());
  }

  /** A share for the rclone {@code command} is about to start; see {@link BandwidthShare}. */
  public BandwidthShare join(RcloneCommand command) {
    if (cap == null || !movesData(command)) {
      return BandwidthShare.unshared(command);
    }
    BandwidthShare share =
        BandwidthShare.shared(this, Timetable.parse(valueOf(command, "--bwlimit")), command);
    synchronized (this) {
      holders.add(share);
      Rate first = shares().get(share);
      share.startsWith(
          first,
          commands.remoteControlled(
              command, first.toRclone(), BandwidthShare.USER, share.password()));
    }
    submit();
    return share;
  }

  /** Its remote control listens: it may now be told a share that changed since it started. */
  void ready() {
    submit();
  }

  void leave(BandwidthShare share) {
    synchronized (this) {
      holders.remove(share);
    }
    submit();
  }

  @Override
  public void destroy() {
    if (balancer != null) {
      balancer.shutdownNow();
    }
  }

  private void submit() {
    try {
      balancer.execute(this::rebalance);
    } catch (RejectedExecutionException e) {
      // Shutting down: the rclones end with the executor.
    }
  }

  /** Each holder's share now; every holder's own limit read at this moment. */
  private synchronized Map<BandwidthShare, Rate> shares() {
    ZonedDateTime now = clock.instant().atZone(ZoneId.systemDefault());
    List<Rate> ownLimits = holders.stream().map(share -> share.ownLimit().at(now)).toList();
    List<Rate> shares = FairShares.of(cap.at(now), ownLimits);
    Map<BandwidthShare, Rate> byHolder = new IdentityHashMap<>();
    for (int i = 0; i < holders.size(); i++) {
      byHolder.put(holders.get(i), shares.get(i));
    }
    return byHolder;
  }

  private void rebalance() {
    boolean retry = false;
    try {
      for (Map.Entry<BandwidthShare, Rate> entry : shares().entrySet()) {
        retry |= tell(entry.getKey(), entry.getValue());
      }
    } catch (RuntimeException e) {
      // Never let one bad turn end the periodic one.
      log.warn("Could not share the bandwidth cap out: {}", e.toString());
    }
    if (retry) {
      try {
        balancer.schedule(this::rebalance, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // Shutting down.
      }
    }
  }

  /** Gives one rclone its share, if it changed; true when it failed and is worth a quick retry. */
  private boolean tell(BandwidthShare share, Rate limit) {
    if (share.address() == null || limit.equals(share.applied())) {
      return false;
    }
    try {
      remoteControl.setLimit(share, limit);
      share.applied(limit);
      log.debug("rclone at {} now shares {}", share.address(), limit.toRclone());
      return false;
    } catch (IOException e) {
      int failures = share.failed();
      if (failures == QUICK_RETRIES) {
        log.warn(
            "rclone at {} keeps its bandwidth limit {} instead of its share {}: {}",
            share.address(),
            share.applied().toRclone(),
            limit.toRclone(),
            e.toString());
      }
      return failures < QUICK_RETRIES;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean movesData(RcloneCommand command) {
    return MOVING_DATA.contains(command.verb()) && !command.arguments().contains("--dry-run");
  }

  private static String valueOf(RcloneCommand command, String flag) {
    int at = command.arguments().indexOf(flag);
    return at < 0 || at + 1 >= command.arguments().size() ? null : command.arguments().get(at + 1);
  }
}
