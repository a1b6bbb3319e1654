package io.syncplan.executor.network;

import io.syncplan.support.network.Destination;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why the proxy could not connect, in the words rclone (Go) uses when it connects by itself: the
 * executor tells a remote that is down from other failures by them (REMOTE_UNREACHABLE, retried),
 * and an operator reads them to fix a storage the policy allows.
 */
final class ConnectFailures {

  private ConnectFailures() {}

  static String asRcloneSaysIt(Destination destination, IOException failure) {
    if (failure instanceof UnknownHostException) {
      return "dial tcp: lookup " + destination.host() + ": no such host";
    }
    if (failure instanceof SocketTimeoutException) {
      return "dial tcp " + destination + ": i/o timeout";
    }
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    // "Connection refused", "No route to host", "Network is unreachable"
    String connect = failure instanceof ConnectException ? "connect: " : "";
    return "dial tcp " + destination + ": " + connect + message.toLowerCase(Locale.ROOT);
  }
}
