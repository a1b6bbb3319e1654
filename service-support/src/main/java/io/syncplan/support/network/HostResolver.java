package io.syncplan.support.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up the addresses of a host name. Blocking: call it where a thread may wait (never on an
 * event loop). A bean of this type replaces the system's resolver, for tests that need a name to
 * resolve to an address of their choosing.
 */
@FunctionalInterface
public interface HostResolver {

  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}
