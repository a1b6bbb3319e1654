package io.syncplan.testsupport;

/**
 * The Kafka broker and MongoDB an integration test runs against: embedded in the test JVM here,
 * containers where Docker runs. One instance serves every test class of a module.
 */
public interface TestInfrastructure extends AutoCloseable {

  /** "embedded" or "containers". */
  String kind();

  String bootstrapServers();

  /** A connection string without a database; each service names its own database. */
  String mongoUri();

  /** Takes the broker down, as an outage would; producers and consumers see it as unreachable. */
  void stopKafka();

  /** Brings the broker back with its data. */
  void startKafka();

  @Override
  void close();
}
