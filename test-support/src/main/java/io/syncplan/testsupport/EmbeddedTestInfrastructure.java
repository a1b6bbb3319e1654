package io.syncplan.testsupport;

import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real KRaft broker and mongo-java-server's in-memory backend, both in the test JVM. */
final class EmbeddedTestInfrastructure implements TestInfrastructure {

  private final Path kafkaDir;
  private final KafkaBroker kafka;
  private final EmbeddedMongo mongo;

  EmbeddedTestInfrastructure() {
    try {
      kafkaDir = Files.createTempDirectory("syncplan-test-kafka");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kafka = KafkaBroker.start(kafkaDir, "127.0.0.1", 0);
    mongo = EmbeddedMongo.inMemory("127.0.0.1", 0);
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String mongoUri() {
    return mongo.connectionString();
  }

  @Override
  public void stopKafka() {
    kafka.stop();
  }

  @Override
  public void startKafka() {
    kafka.start();
  }

  @Override
  public void close() {
    kafka.close();
    mongo.close();
    try (Stream<Path> files = Files.walk(kafkaDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing a test run for
    }
  }
}
