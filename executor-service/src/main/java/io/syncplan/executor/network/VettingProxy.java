package io.syncplan.executor.network;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneProxy;
import io.syncplan.executor.rclone.RcloneVersion;
import io.syncplan.support.network.NetworkPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * A forward proxy on loopback that every rclone this executor starts is told to use for HTTP and
 * HTTPS (a tunnel by {@code CONNECT}), and from rclone 1.75 for sftp and ftp (tunnels). At each
 * connection it resolves the target itself, checks every address with the {@link NetworkPolicy},
 * and connects to exactly an address it checked, so that a name that answers differently at the
 * connection than at the check (DNS rebinding), a redirect, or a download link a server hands out
 * cannot lead rclone anywhere the policy refuses. Only the rclone processes of this executor know
 * its credential.
 *
 * <p>When the operator gives rclone a proxy of their own ({@code
 * syncplan.executor.rclone-environment.HTTPS_PROXY} ...), that proxy is used instead, and rclone's
 * connections are checked before it starts but not pinned (see docs/security.md).
 */
@Component
final class VettingProxy implements RcloneProxy, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(VettingProxy.class);

  /** The names of the proxy's threads, the ones that resolve and connect. */
  static final String THREAD_PREFIX = "rclone-proxy-";

  /**
   * Where rclone's HTTP transport looks for a proxy: Go's {@code http.ProxyFromEnvironment} reads
   * {@code HTTP_PROXY} and {@code HTTPS_PROXY} (every rclone); rclone 1.71 and newer read {@code
   * --http-proxy} from {@code RCLONE_HTTP_PROXY}, which unlike the former also covers loopback.
   */
  static final List<String> VARIABLES = List.of("HTTP_PROXY", "HTTPS_PROXY", "RCLONE_HTTP_PROXY");

  /**
   * sftp and ftp tunnel through an HTTP {@code CONNECT} proxy named by their {@code http_proxy}
   * option (rclone 1.70), reliably from rclone 1.75, which keeps a server's greeting that arrives
   * with the proxy's answer. Host keys and TLS names still go by the storage's host name. A
   * storage's own {@code http_proxy} or {@code socks_proxy} takes precedence (and is checked by the
   * policy before rclone starts).
   */
  static final List<String> TUNNEL_VARIABLES =
      List.of("RCLONE_SFTP_HTTP_PROXY", "RCLONE_FTP_HTTP_PROXY");

  /** Two threads per connection; rclone opens a few per transfer and checker. */
  private static final int MAX_THREADS = 1024;

  private final ServerSocket server;
  private final ThreadPoolExecutor threads;
  private final Map<String, String> environment;
  private final Set<String> secrets;

  @Autowired
  VettingProxy(
      NetworkPolicy policy, ExecutorProperties properties, Rclone rclone, MeterRegistry registry)
      throws IOException {
    this(
        policy,
        properties.connectTimeout(),
        properties.rcloneEnvironment(),
        tunnels(rclone.version()),
        registry);
  }

  /**
   * @param tunnels whether rclone's sftp and ftp connections are to go through the proxy too
   */
  VettingProxy(
      NetworkPolicy policy,
      Duration connectTimeout,
      Map<String, String> operatorEnvironment,
      boolean tunnels,
      MeterRegistry registry)
      throws IOException {
    Optional<String> operatorProxy =
        VARIABLES.stream().filter(operatorEnvironment::containsKey).findFirst();
    if (operatorProxy.isPresent()) {
      log.warn(
          "syncplan.executor.rclone-environment.{} sends rclone's HTTP connections through the"
              + " operator's proxy: storages are checked against the network policy before rclone"
              + " starts, but rclone's connections are not pinned to the checked addresses"
              + " (docs/security.md)",
          operatorProxy.get());
      this.server = null;
      this.threads = null;
      this.environment = Map.of();
      this.secrets = Set.of();
      return;
    }
    ProxyCredential credential = ProxyCredential.random();
    this.server = new ServerSocket(0, 128, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    CustomizableThreadFactory factory = new CustomizableThreadFactory(THREAD_PREFIX);
    factory.setDaemon(true);
    this.threads =
        new ThreadPoolExecutor(
            0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    String url =
        "http://"
            + ProxyCredential.USER
            + ":"
            + credential.password()
            + "@127.0.0.1:"
            + server.getLocalPort();
    this.environment =
        Stream.concat(VARIABLES.stream(), tunnels ? TUNNEL_VARIABLES.stream() : Stream.empty())
            .collect(Collectors.toUnmodifiableMap(Function.identity(), v -> url));
    this.secrets = Set.of(credential.password());
    PinnedConnector connector = new PinnedConnector(policy, connectTimeout);
    ProxyOutcomes outcomes = new ProxyOutcomes(registry);
    Thread acceptor = factory.newThread(() -> accept(credential, connector, outcomes));
    acceptor.setName(THREAD_PREFIX + "accept");
    acceptor.start();
    log.info(
        "rclone's {} connections go through a vetting proxy on 127.0.0.1:{}: each is checked"
            + " against the network policy and made to the address that was checked",
        tunnels ? "HTTP, sftp and ftp" : "HTTP",
        server.getLocalPort());
  }

  static boolean tunnels(RcloneVersion version) {
    return version.isAtLeast(1, 75);
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Set<String> secrets() {
    return secrets;
  }

  /** The port it listens on, or -1 when the operator's proxy is used instead. */
  int port() {
    return server == null ? -1 : server.getLocalPort();
  }

  private void accept(
      ProxyCredential credential, PinnedConnector connector, ProxyOutcomes outcomes) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("rclone's vetting proxy could not accept a connection: {}", e.toString());
        }
        continue;
      }
      try {
        threads.execute(new ProxiedConnection(client, credential, connector, threads, outcomes));
      } catch (RejectedExecutionException e) {
        log.warn("rclone's vetting proxy has {} threads busy; a connection is closed", MAX_THREADS);
        try {
          client.close();
        } catch (IOException ignored) {
          // closing is all that was left to do
        }
      }
    }
  }

  @Override
  public void destroy() throws IOException {
    if (server != null) {
      server.close();
      threads.shutdownNow();
    }
  }
}
