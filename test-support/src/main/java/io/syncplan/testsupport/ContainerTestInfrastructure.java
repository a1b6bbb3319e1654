package io.syncplan.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Apache Kafka and MongoDB (a single-node replica set) in containers, for machines with Docker. The
 * same tests run against these as against the embedded ones.
 */
final class ContainerTestInfrastructure implements TestInfrastructure {

  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  static final String MONGO_IMAGE = "mongo:8.0.12";

  private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
  private final MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);

  ContainerTestInfrastructure() {
    kafka.start();
    mongo.start();
  }

  @Override
  public String kind() {
    return "containers";
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String mongoUri() {
    return mongo.getConnectionString();
  }

  @Override
  public void stopKafka() {
    kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
  }

  @Override
  public void startKafka() {
    kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
  }

  @Override
  public void close() {
    kafka.stop();
    mongo.stop();
  }
}
