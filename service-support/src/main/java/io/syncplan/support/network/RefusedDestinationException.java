package io.syncplan.support.network;

import java.net.UnknownHostException;

/**
 * A destination the network policy does not let a request go to. Its message is what anybody may
 * read ("unreachable" and the destination as it was given); {@link #detail()} says why, for the
 * operator's log only, since it tells what a name resolves to.
 *
 * <p>An {@link UnknownHostException}, so that an HTTP client reports it as a host it could not
 * reach rather than as a fault of its own.
 */
public class RefusedDestinationException extends UnknownHostException {

  private final transient Destination destination;
  private final String detail;

  RefusedDestinationException(Destination destination, String detail) {
    super(destination + " is unreachable: refused by the network policy");
    this.destination = destination;
    this.detail = detail;
  }

  public Destination destination() {
    return destination;
  }

  /** Why, with the address and the kind of network it is in: for operators' logs. */
  public String detail() {
    return detail;
  }
}
