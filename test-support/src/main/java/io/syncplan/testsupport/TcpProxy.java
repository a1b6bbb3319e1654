package io.syncplan.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of one server, that a test can cut as a network partition would:
 * {@link #cut()} drops every connection through it and refuses new ones, so that only the clients
 * behind it lose the server; {@link #restore()} lets them through again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;
  private volatile int port;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Starts a proxy to {@code host:port} on a free loopback port. */
  public static TcpProxy to(String host, int port) {
    TcpProxy proxy = new TcpProxy(host, port);
    proxy.listen(0);
    return proxy;
  }

  private void listen(int onPort) {
    ServerSocket server;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + onPort, e);
    }
    listening = server;
    port = server.getLocalPort();
    Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return port;
  }

  /** Drops every connection through the proxy and refuses new ones until {@link #restore()}. */
  public synchronized void cut() {
    ServerSocket server = listening;
    listening = null;
    if (server != null) {
      closeQuietly(server);
    }
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Lets connections through again, on the same port. */
  public synchronized void restore() {
    if (listening == null) {
      listen(port);
    }
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        // closed by cut(), or the server refused: the client sees its connection end
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // one side is gone: the other goes too
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "tcp-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
