package io.syncplan.scheduler.bench;

import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The broker and store of the scheduler benchmark, in a process of their own so the scheduler's
 * memory is measured alone: a real KRaft broker and mongo-java-server, with its memory backend, or
 * with the durable file store the standalone stack uses (every answered write synced) when the
 * second argument is {@code file}. Writes their addresses to the file named by the first argument
 * and runs until killed.
 */
public final class BenchInfra {

  private BenchInfra() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path kafkaDir = Files.createTempDirectory("scheduler-bench-kafka");
    KafkaBroker kafka = KafkaBroker.start(kafkaDir, "127.0.0.1", 0);
    boolean durable = args.length > 1 && args[1].equals("file");
    EmbeddedMongo mongo =
        durable
            ? EmbeddedMongo.inFile(kafkaDir.resolve("store.mv.db"), "127.0.0.1", 0)
            : EmbeddedMongo.inMemory("127.0.0.1", 0);
    Files.writeString(
        out, "KAFKA=" + kafka.bootstrapServers() + "\nMONGO=" + mongo.connectionString() + "\n");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  mongo.close();
                  deleteRecursively(kafkaDir);
                }));
    Thread.currentThread().join();
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory left behind
    }
  }
}
