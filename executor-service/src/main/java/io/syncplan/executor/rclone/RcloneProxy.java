package io.syncplan.executor.rclone;

import java.util.Map;
import java.util.Set;

/**
 * A proxy of the executor's that rclone's HTTP connections go through, so that they reach only
 * addresses the network policy allows (see {@code network.VettingProxy}).
 */
public interface RcloneProxy {

  /** No proxy: rclone connects by itself. */
  RcloneProxy NONE =
      new RcloneProxy() {
        @Override
        public Map<String, String> environment() {
          return Map.of();
        }

        @Override
        public Set<String> secrets() {
          return Set.of();
        }
      };

  /** The variables that send rclone's connections through the proxy. */
  Map<String, String> environment();

  /** The proxy's credential, which rclone's log must never show. */
  Set<String> secrets();
}
