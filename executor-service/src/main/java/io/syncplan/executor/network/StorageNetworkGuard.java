package io.syncplan.executor.network;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.support.network.NetworkPolicy;
import io.syncplan.support.network.RefusedDestinationException;
import io.syncplan.support.network.StorageDestinations;
import io.syncplan.support.network.StorageDestinations.Target;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks, before rclone starts, that the servers a storage names are ones the {@link NetworkPolicy}
 * lets this executor reach: no loopback, private or link-local address (cloud metadata), and not
 * the stack's own Kafka or MongoDB, unless the operator allows it. The run, check or clean-up fails
 * at once with a short reason; what the host resolved to goes to this executor's log only.
 *
 * <p>rclone's HTTP connections are checked again, each one, by the {@link VettingProxy}, which
 * connects to the address it checked; other protocols (sftp, ftp, smb ...) rclone resolves and
 * connects to by itself, so for them a name whose address changes after this check is not caught
 * (see docs/security.md).
 */
@Component
public class StorageNetworkGuard {

  private static final Logger log = LoggerFactory.getLogger(StorageNetworkGuard.class);

  private final NetworkPolicy policy;

  StorageNetworkGuard(NetworkPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param side what the storage is to the caller, such as "source", for the reason
   * @throws UnsafeArgumentException when a server of the storage may not be reached
   */
  public void check(String side, StorageSpec storage) {
    for (Target target : StorageDestinations.of(storage.type(), storage.options())) {
      try {
        policy.vet(target.destination());
      } catch (RefusedDestinationException e) {
        log.warn(
            "The {} storage {} ({}) is refused by the network policy: {}",
            side,
            storage.id(),
            target.option(),
            e.detail());
        throw new UnsafeArgumentException(
            side + " storage option " + target.option() + ": " + e.getMessage());
      } catch (UnknownHostException e) {
        // rclone reads the same resolver configuration and fails to resolve it too, as a
        // connection error that is retried like any other
        log.info(
            "The {} storage {} ({}): {} cannot be resolved",
            side,
            storage.id(),
            target.option(),
            target.destination().host());
      }
    }
  }
}
