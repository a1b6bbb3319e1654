package io.syncplan.executor.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplan.support.network.HostResolver;
import io.syncplan.support.network.NetworkPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vetting proxy on its own, with a resolver that plays a rebinding DNS server: the name first
 * answers an address the policy allows, then a loopback one. An allowed address stands in for a
 * public one (no public server is reachable from the tests): 127.0.0.2, which the policy allows,
 * while the rest of loopback stays refused.
 */
class VettingProxyTest {

  private static final String NAME = "rebinding.test";

  private final List<InetAddress> lookups = new CopyOnWriteArrayList<>();
  private final AtomicInteger lookupCount = new AtomicInteger();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private EchoServer allowed;
  private EchoServer internal;
  private VettingProxy proxy;

  @BeforeEach
  void setUp() throws IOException {
    // the two servers share a port, as one name's two answers would
    for (int attempt = 1; internal == null; attempt++) {
      allowed = EchoServer.on(InetAddress.getByName("127.0.0.2"), 0);
      try {
        internal = EchoServer.on(InetAddress.getByName("127.0.0.1"), allowed.port());
      } catch (BindException taken) {
        allowed.close();
        if (attempt == 5) {
          throw taken;
        }
      }
    }
    HostResolver rebinding =
        host -> {
          if (!host.equals(NAME)) {
            return HostResolver.SYSTEM.resolve(host);
          }
          InetAddress answer =
              lookupCount.getAndIncrement() == 0 ? allowed.address() : internal.address();
          lookups.add(answer);
          return List.of(answer);
        };
    NetworkPolicy policy = new NetworkPolicy(List.of("127.0.0.2"), List.of(), rebinding);
    proxy = new VettingProxy(policy, Duration.ofSeconds(5), Map.of(), false, registry);
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.destroy();
    allowed.close();
    internal.close();
  }

  @Test
  void eachConnectionGoesToTheAddressItsCheckSawAndANameThatRebindsIsRefused() throws Exception {
    try (Socket first = new Socket("127.0.0.1", proxy.port())) {
      BufferedReader in = reader(first);
      assertThat(connect(first, in, NAME + ":" + allowed.port(), credential()))
          .startsWith("HTTP/1.1 200");
      first.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).isEqualTo("echo from 127.0.0.2: ping");
    }

    try (Socket second = new Socket("127.0.0.1", proxy.port())) {
      assertThat(connect(second, reader(second), NAME + ":" + allowed.port(), credential()))
          .startsWith("HTTP/1.1 403");
    }

    // one lookup per connection, by the check: the connection itself resolved nothing
    assertThat(lookups).containsExactly(allowed.address(), internal.address());
    assertThat(allowed.accepted()).isEqualTo(1);
    assertThat(internal.accepted()).isZero();
    assertThat(count("pinned")).isEqualTo(1);
    assertThat(count("refused")).isEqualTo(1);
  }

  @Test
  void aConnectionWithoutTheProxysCredentialIsRefusedBeforeAnyLookup() throws Exception {
    try (Socket client = new Socket("127.0.0.1", proxy.port())) {
      assertThat(connect(client, reader(client), NAME + ":" + allowed.port(), "Basic cmNsb25lOng="))
          .startsWith("HTTP/1.1 407");
    }
    assertThat(lookups).isEmpty();
    assertThat(allowed.accepted()).isZero();
  }

  private String credential() {
    String userInfo = URI.create(proxy.environment().get("HTTPS_PROXY")).getUserInfo();
    return "Basic "
        + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.US_ASCII));
  }

  private static String connect(
      Socket socket, BufferedReader in, String target, String authorization) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("CONNECT "
                + target
                + " HTTP/1.1\r\nHost: "
                + target
                + "\r\nProxy-Authorization: "
                + authorization
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    String status = in.readLine();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      // the rest of the head
    }
    return status;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
  }

  private double count(String outcome) {
    return registry.counter(ProxyOutcomes.CONNECTIONS, "outcome", outcome).count();
  }

  /** A TCP server that answers each line with "echo from its address: line". */
  private static final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    private EchoServer(ServerSocket server) {
      this.server = server;
      Thread thread = new Thread(this::serve, "echo-" + server.getInetAddress());
      thread.setDaemon(true);
      thread.start();
    }

    /** On a given port, or a free one (0). */
    static EchoServer on(InetAddress address, int port) throws IOException {
      return new EchoServer(new ServerSocket(port, 50, address));
    }

    InetAddress address() {
      return server.getInetAddress();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket client = server.accept()) {
          accepted.incrementAndGet();
          String line = reader(client).readLine();
          client
              .getOutputStream()
              .write(
                  ("echo from " + address().getHostAddress() + ": " + line + "\n")
                      .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
