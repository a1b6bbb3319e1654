package io.syncplan.executor.network;

import io.syncplan.support.network.Destination;
import io.syncplan.support.network.NetworkPolicy;
import io.syncplan.support.network.RefusedDestinationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Opens a connection to a destination the network policy allows, to one of the very addresses the
 * policy checked: the name is resolved once, by the check, and never again.
 */
final class PinnedConnector {

  private final NetworkPolicy policy;
  private final Duration connectTimeout;

  PinnedConnector(NetworkPolicy policy, Duration connectTimeout) {
    this.policy = policy;
    this.connectTimeout = connectTimeout;
  }

  /**
   * @throws RefusedDestinationException when the policy refuses one of the destination's addresses
   * @throws UnknownHostException when its name cannot be resolved
   * @throws IOException when none of its addresses accepts a connection
   */
  Socket connect(Destination destination) throws IOException {
    List<InetAddress> checked = policy.vet(destination);
    IOException last = null;
    for (InetAddress address : checked) {
      Socket socket = new Socket();
      try {
        // an InetSocketAddress of an InetAddress is never resolved again
        socket.connect(
            new InetSocketAddress(address, destination.port()),
            (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        socket.setTcpNoDelay(true);
        return socket;
      } catch (IOException e) {
        socket.close();
        last = e;
      }
    }
    throw last != null ? last : new UnknownHostException(destination.host());
  }
}
