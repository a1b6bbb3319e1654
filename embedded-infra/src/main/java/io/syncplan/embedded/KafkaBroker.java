package io.syncplan.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), running in
 * this JVM. Its log directory survives a restart, so topics, offsets and unread records are kept.
 * Suited to one machine: every replication factor is 1.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

  private final Path logDir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  private KafkaBroker(
      Path logDir, String host, int port, int controllerPort, Map<String, String> overrides) {
    this.logDir = logDir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Formats the log directory on first use and starts the broker.
   *
   * @param port the client port; 0 picks a free one
   */
  public static KafkaBroker start(Path logDir, String host, int port) {
    return start(logDir, host, port, Map.of());
  }

  /** As {@link #start(Path, String, int)}, with broker settings that override the defaults. */
  public static KafkaBroker start(
      Path logDir, String host, int port, Map<String, String> overrides) {
    KafkaBroker broker =
        new KafkaBroker(
            logDir, host, port == 0 ? FreePorts.find() : port, FreePorts.find(), overrides);
    broker.start();
    return broker;
  }

  /** Starts the broker again after {@link #stop()}, on the same ports and log directory. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    KafkaConfig config = KafkaConfig.fromProps(properties(), false);
    format();
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    started.startup();
    server = started;
    log.info("Kafka broker listening on {}", bootstrapServers());
  }

  /** Stops the broker; clients see it as down until {@link #start()}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  public boolean isRunning() {
    return server != null;
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("num.partitions", "3");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // One member joining a group should not wait for others that will never come.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.putAll(overrides);
    return p;
  }

  private void format() {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
    }
  }
}
