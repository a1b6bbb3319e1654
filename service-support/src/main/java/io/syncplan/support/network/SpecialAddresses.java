package io.syncplan.support.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks that are not the public internet: what this host, its pod or its data centre
 * keeps to itself (loopback, private networks, link-local such as cloud metadata at
 * 169.254.169.254) and what no request should go to at all (unspecified, multicast, reserved). IPv6
 * addresses that carry an IPv4 address (NAT64, 6to4) are judged by the address they carry.
 */
final class SpecialAddresses {

  /** A kind of address that is refused unless allowed, as named in reasons. */
  record Block(String kind, AddressRange range) {}

  static final List<Block> BLOCKS =
      List.of(
          block("unspecified", "0.0.0.0/8"),
          block("unspecified", "::/128"),
          block("loopback", "127.0.0.0/8"),
          block("loopback", "::1/128"),
          block("private", "10.0.0.0/8"),
          block("private", "172.16.0.0/12"),
          block("private", "192.168.0.0/16"),
          block("private", "fec0::/10"),
          block("shared (carrier-grade NAT)", "100.64.0.0/10"),
          block("link-local", "169.254.0.0/16"),
          block("link-local", "fe80::/10"),
          block("unique-local", "fc00::/7"),
          block("multicast", "224.0.0.0/4"),
          block("multicast", "ff00::/8"),
          block("reserved", "240.0.0.0/4"),
          block("reserved", "192.0.0.0/24"),
          block("reserved", "198.18.0.0/15"),
          block("reserved", "::/96"),
          block("reserved", "2001::/32"));

  private static final AddressRange NAT64 = AddressRange.of("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.of("2002::/16");

  private SpecialAddresses() {}

  /** The block an address is in, or empty for a public address. */
  static Optional<Block> of(InetAddress address) {
    InetAddress judged = embeddedIpv4(address).orElse(address);
    return BLOCKS.stream().filter(block -> block.range().contains(judged)).findFirst();
  }

  /** The IPv4 address a NAT64 or 6to4 address stands for. */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    byte[] ipv4;
    if (NAT64.contains(address)) {
      ipv4 = Arrays.copyOfRange(bytes, 12, 16);
    } else if (SIX_TO_FOUR.contains(address)) {
      ipv4 = Arrays.copyOfRange(bytes, 2, 6);
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(ipv4));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Block block(String kind, String cidr) {
    return new Block(kind, AddressRange.of(cidr));
  }
}
