package io.syncplan.support.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where outbound requests (webhooks, the servers of storages) may go. A destination's host is
 * resolved and every address it resolves to must be public, unless the operator allows it ({@code
 * syncplan.network.allow}: address ranges and host names). Loopback, private, link-local (cloud
 * metadata at 169.254.169.254), unique-local and other special addresses are refused by default,
 * and the stack's own Kafka and MongoDB always, even when their network is allowed.
 *
 * <p>The caller connects to the addresses {@link #vet} returns and resolves nothing itself, so a
 * name that resolves to another address a moment later (DNS rebinding) cannot get past the check.
 */
public final class NetworkPolicy {

  private static final Pattern HOST_NAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  /** Digits and dots (or hex) that some resolvers read as an IPv4 address: 127.1, 0177.0.0.1. */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}");

  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  /** One of the stack's own services, which no outbound request may reach. */
  public record OwnService(String name, Destination destination) {}

  private final List<AddressRange> allowedRanges = new ArrayList<>();
  private final List<String> allowedNames = new ArrayList<>();
  private final List<String> allowed = new ArrayList<>();
  private final OwnServiceMatcher ownServices;
  private final HostResolver resolver;

  /**
   * @param allow address ranges ({@code 10.0.0.0/8}, {@code 192.168.1.20}) and host names ({@code
   *     nas.home.arpa}, {@code *.corp.example}) that requests may go to although they are not
   *     public
   * @param ownServices the stack's own Kafka and MongoDB
   */
  public NetworkPolicy(List<String> allow, List<OwnService> ownServices, HostResolver resolver) {
    for (String entry : allow == null ? List.<String>of() : allow) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      String text = entry.strip().toLowerCase(Locale.ROOT);
      Optional<AddressRange> range = AddressRange.parse(text);
      allowed.add(text);
      if (range.isPresent()) {
        allowedRanges.add(range.get());
      } else if (HOST_NAME.matcher(text).matches() && !NUMERIC_HOST.matcher(text).matches()) {
        allowedNames.add(text);
      } else {
        throw new IllegalArgumentException(
            "syncplan.network.allow: '"
                + entry
                + "' is neither an address range (10.0.0.0/8) nor a host name (nas.example.com,"
                + " *.corp.example)");
      }
    }
    this.ownServices = new OwnServiceMatcher(ownServices, resolver);
    this.resolver = resolver;
  }

  /**
   * The addresses a request to the destination may connect to: all the host's addresses, each of
   * them allowed. Blocking (a name lookup).
   *
   * @throws RefusedDestinationException when one of them is not allowed
   * @throws UnknownHostException when the host cannot be resolved
   */
  public List<InetAddress> vet(Destination destination) throws UnknownHostException {
    String host = destination.host();
    refuseAmbiguous(destination);
    Optional<InetAddress> literal = AddressRange.literal(host);
    List<InetAddress> addresses =
        literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host);
    }
    Optional<String> own = ownServices.match(destination, addresses, true);
    if (own.isPresent()) {
      throw new RefusedDestinationException(destination, own.get());
    }
    if (literal.isEmpty() && nameAllowed(host)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = refusal(address);
      if (refusal.isPresent()) {
        throw new RefusedDestinationException(
            destination,
            (literal.isPresent() ? "" : host + " resolves to ") + refusal.get() + howToAllow());
      }
    }
    return addresses;
  }

  /**
   * Why the destination is refused, as far as can be told without a name lookup (an address written
   * as digits, {@code localhost}, the stack's own services by name): for answering an API request
   * at once. A name that resolves to a refused address is refused when it is used.
   */
  public Optional<String> refusalWithoutLookup(Destination destination) {
    try {
      refuseAmbiguous(destination);
    } catch (RefusedDestinationException e) {
      return Optional.of(e.detail());
    }
    String host = destination.host();
    Optional<InetAddress> literal = AddressRange.literal(host);
    List<InetAddress> addresses =
        literal
            .map(List::of)
            .orElse(OwnServiceMatcher.isLocalhost(host) ? OwnServiceMatcher.LOCALHOST : List.of());
    Optional<String> own = ownServices.match(destination, addresses, false);
    if (own.isPresent()) {
      return own;
    }
    if (literal.isEmpty() && nameAllowed(host)) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = refusal(address);
      if (refusal.isPresent()) {
        return Optional.of(refusal.get() + howToAllow());
      }
    }
    return Optional.empty();
  }

  /** The policy in one line, for the start-up log and the standalone stack's welcome text. */
  public String describe() {
    String own = ownServices.describe();
    return "outbound requests go to public addresses"
        + (allowed.isEmpty() ? " only" : " and " + String.join(", ", allowed))
        + (own.isEmpty() ? "" : "; never to " + own);
  }

  private Optional<String> refusal(InetAddress address) {
    if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
      return Optional.empty();
    }
    return SpecialAddresses.of(address)
        .map(block -> address.getHostAddress() + ", a " + block.kind() + " address");
  }

  private boolean nameAllowed(String host) {
    for (String name : allowedNames) {
      if (name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static void refuseAmbiguous(Destination destination) throws RefusedDestinationException {
    String host = destination.host();
    if (NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches()) {
      throw new RefusedDestinationException(
          destination,
          host
              + " is not a plain IPv4 address (a.b.c.d in decimal), and resolvers read it"
              + " differently");
    }
  }

  private static String howToAllow() {
    return "; it can be allowed with syncplan.network.allow";
  }
}
