package io.syncplan.executor.network;

import io.syncplan.executor.network.MessageHead.MalformedHeadException;
import io.syncplan.executor.network.ProxyOutcomes.Outcome;
import io.syncplan.support.network.RefusedDestinationException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of rclone's to the vetting proxy: its credential is checked, its target resolved
 * and checked against the network policy, and the request goes to exactly the address that was
 * checked, or is answered 403 (refused) or 502 (unreachable) with a reason fit for anybody's eyes.
 */
final class ProxiedConnection implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(VettingProxy.class);

  /** How long rclone may take to send its request head; it sends it at once. */
  private static final int HEAD_TIMEOUT_MILLIS = 60_000;

  private static final byte[] ESTABLISHED =
      "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Socket client;
  private final ProxyCredential credential;
  private final PinnedConnector connector;
  private final Executor relays;
  private final ProxyOutcomes outcomes;

  ProxiedConnection(
      Socket client,
      ProxyCredential credential,
      PinnedConnector connector,
      Executor relays,
      ProxyOutcomes outcomes) {
    this.client = client;
    this.credential = credential;
    this.connector = connector;
    this.relays = relays;
    this.outcomes = outcomes;
  }

  @Override
  public void run() {
    try (Socket connection = client) {
      connection.setSoTimeout(HEAD_TIMEOUT_MILLIS);
      InputStream fromClient = new BufferedInputStream(connection.getInputStream());
      OutputStream toClient = connection.getOutputStream();
      Optional<MessageHead> request = readRequest(fromClient, toClient);
      if (request.isEmpty()) {
        return;
      }
      Optional<ProxyTarget> target = ProxyTarget.of(request.get().startLine());
      if (!credential.admits(request.get().header("Proxy-Authorization"))) {
        outcomes.count(Outcome.UNAUTHORIZED);
        log.warn("A connection to rclone's vetting proxy without its credential was refused");
        answer(toClient, 407, "Proxy Authentication Required", "the proxy needs its credential");
        return;
      }
      if (target.isEmpty()) {
        outcomes.count(Outcome.MALFORMED);
        answer(toClient, 400, "Bad Request", "neither CONNECT host:port nor an http:// URL");
        return;
      }
      try (Socket server = open(target.get(), toClient)) {
        if (server == null) {
          return;
        }
        connection.setSoTimeout(0);
        if (target.get().tunnel()) {
          toClient.write(ESTABLISHED);
          relay(fromClient, connection, server);
          server.getInputStream().transferTo(toClient);
        } else {
          server
              .getOutputStream()
              .write(request.get().forwarded(target.get().forwardedStartLine()).bytes());
          relay(fromClient, connection, server);
          passResponse(new BufferedInputStream(server.getInputStream()), toClient);
        }
      }
    } catch (IOException e) {
      // rclone or the server closed the connection: each side sees its end as the other left it
      log.debug("A connection through rclone's vetting proxy ended: {}", e.toString());
    } catch (RejectedExecutionException e) {
      log.warn("rclone's vetting proxy has no thread left to relay a connection; it is closed");
    }
  }

  private Optional<MessageHead> readRequest(InputStream fromClient, OutputStream toClient)
      throws IOException {
    try {
      return MessageHead.read(fromClient);
    } catch (MalformedHeadException e) {
      outcomes.count(Outcome.MALFORMED);
      answer(toClient, 400, "Bad Request", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A connection to the target's checked address, or null once the refusal is answered. Through a
   * tunnel rclone shows only the answer's reason phrase, of a plain request the body and the
   * status: the reason is in both.
   */
  private Socket open(ProxyTarget target, OutputStream toClient) throws IOException {
    try {
      Socket server = connector.connect(target.destination());
      outcomes.count(Outcome.PINNED);
      return server;
    } catch (RefusedDestinationException e) {
      outcomes.count(Outcome.REFUSED);
      log.warn(
          "rclone's connection to {} is refused by the network policy: {}",
          target.destination(),
          e.detail());
      // not "403 Forbidden", which the executor would read as refused credentials
      String reason = target.tunnel() ? e.getMessage() : "Refused by the network policy";
      answer(toClient, 403, reason, target.destination() + " is unreachable");
      return null;
    } catch (IOException e) {
      outcomes.count(Outcome.UNREACHABLE);
      log.info("rclone's connection to {} failed: {}", target.destination(), e.toString());
      String failure = ConnectFailures.asRcloneSaysIt(target.destination(), e);
      answer(toClient, 502, target.tunnel() ? failure : "Bad Gateway", failure);
      return null;
    }
  }

  /**
   * Sends what rclone writes on to the server from another thread; when either side stops, both
   * connections are closed, which ends the other direction too.
   */
  private void relay(InputStream fromClient, Socket connection, Socket server) {
    relays.execute(
        () -> {
          try (connection;
              server) {
            fromClient.transferTo(server.getOutputStream());
          } catch (IOException e) {
            log.debug("rclone's side of a proxied connection ended: {}", e.toString());
          }
        });
  }

  /**
   * Passes the server's response on, marked as the last on its connection: informational answers
   * (100 Continue) as they are, then the final one with {@code Connection: close}, then the body.
   */
  private static void passResponse(InputStream fromServer, OutputStream toClient)
      throws IOException {
    while (true) {
      Optional<MessageHead> response = MessageHead.read(fromServer);
      if (response.isEmpty()) {
        return;
      }
      int status = response.get().status();
      if (status >= 100 && status < 200 && status != 101) {
        toClient.write(response.get().bytes());
        continue;
      }
      toClient.write(response.get().forwarded(response.get().startLine()).bytes());
      fromServer.transferTo(toClient);
      return;
    }
  }

  private static void answer(OutputStream toClient, int status, String reason, String message)
      throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason.replaceAll("[\\x00-\\x1f\\x7f-\\uffff]", "?")
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + (status == 407 ? "\r\nProxy-Authenticate: Basic realm=\"syncplan\"" : "")
            + "\r\nConnection: close\r\n\r\n";
    toClient.write(head.getBytes(StandardCharsets.US_ASCII));
    toClient.write(body);
    toClient.flush();
  }
}
