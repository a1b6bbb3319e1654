package io.syncplan.support.network;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}). */
record AddressRange(InetAddress network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  AddressRange {
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("a prefix of " + network + " must be 0 to " + bits);
    }
  }

  /**
   * The range a text names: {@code 10.0.0.0/8}, or a single address; empty when the text is not an
   * address (a host name).
   */
  static Optional<AddressRange> parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    Optional<InetAddress> literal = literal(address);
    if (literal.isEmpty()) {
      if (slash >= 0) {
        throw new IllegalArgumentException("'" + text + "' is not an address range");
      }
      return Optional.empty();
    }
    int bits = literal.get().getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
    }
    return Optional.of(new AddressRange(literal.get(), prefix));
  }

  static AddressRange of(String cidr) {
    return parse(cidr).orElseThrow();
  }

  /**
   * The address a text spells as digits (IPv4 dotted quad or IPv6, brackets allowed), without any
   * name lookup; empty for a host name.
   */
  static Optional<InetAddress> literal(String text) {
    String address = text;
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
      return Optional.empty();
    }
    try {
      // A literal is parsed, never looked up.
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int bits = base.length * 8;
    if (prefix == 0) {
      return true;
    }
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    mask = mask.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, base).and(mask));
  }

  boolean isIpv4() {
    return network instanceof Inet4Address;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
