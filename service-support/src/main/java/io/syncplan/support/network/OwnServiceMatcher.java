package io.syncplan.support.network;

import io.syncplan.support.network.NetworkPolicy.OwnService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells whether a destination is one of the stack's own services: the same port (or either port
 * unknown) and the same host name, or an address in common.
 */
final class OwnServiceMatcher {

  static final List<InetAddress> LOCALHOST =
      List.of(
          AddressRange.literal("127.0.0.1").orElseThrow(),
          AddressRange.literal("::1").orElseThrow());

  private final List<OwnService> services;
  private final HostResolver resolver;

  OwnServiceMatcher(List<OwnService> services, HostResolver resolver) {
    this.services = List.copyOf(services);
    this.resolver = resolver;
  }

  /**
   * Why the destination is one of the stack's own services, or empty.
   *
   * @param addresses what the destination resolves to, as far as it is known
   * @param lookUp whether the own services' names may be resolved
   */
  Optional<String> match(Destination destination, List<InetAddress> addresses, boolean lookUp) {
    for (OwnService service : services) {
      Destination own = service.destination();
      if (own.port() != Destination.ANY_PORT
          && destination.port() != Destination.ANY_PORT
          && own.port() != destination.port()) {
        continue;
      }
      boolean same = own.host().equals(destination.host());
      if (!same && !addresses.isEmpty()) {
        List<InetAddress> ownAddresses = addressesOf(own.host(), lookUp);
        same = addresses.stream().anyMatch(ownAddresses::contains);
      }
      if (same) {
        return Optional.of(
            destination + " is the stack's own " + service.name() + " (" + own + ")");
      }
    }
    return Optional.empty();
  }

  String describe() {
    return services.stream()
        .map(service -> service.name() + " " + service.destination())
        .collect(Collectors.joining(", "));
  }

  /** {@code localhost} and its subdomains are loopback, whatever a resolver says (RFC 6761). */
  static boolean isLocalhost(String host) {
    return host.equals("localhost") || host.endsWith(".localhost");
  }

  private List<InetAddress> addressesOf(String host, boolean lookUp) {
    Optional<InetAddress> literal = AddressRange.literal(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    if (isLocalhost(host)) {
      return LOCALHOST;
    }
    if (!lookUp) {
      return List.of();
    }
    try {
      return resolver.resolve(host);
    } catch (UnknownHostException e) {
      return List.of();
    }
  }
}
