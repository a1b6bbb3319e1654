package io.syncplan.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

  @TempDir Path dir;

  @Test
  void fileStoreKeepsDocumentsAcrossARestart() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      client.getDatabase("db").getCollection("plans").insertOne(new Document("_id", "p1"));
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(client.getDatabase("db").getCollection("plans").find().first())
          .containsEntry("_id", "p1");
    }
  }

  /**
   * A query naming its {@code _id} beside other conditions is read through the {@code _id} index
   * (IdFirstH2Collection): it must select exactly what the whole query selects, for reads, counts,
   * updates and deletes, with an {@code $in} and in an {@code $and} too, also after a restart.
   */
  @Test
  void aQueryByIdWithOtherConditionsSelectsWhatTheWholeQuerySelects() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = client.getDatabase("db").getCollection("runs");
      for (int i = 0; i < 50; i++) {
        runs.insertOne(
            new Document("_id", "r" + i).append("status", i % 2 == 0 ? "RUNNING" : "SUCCEEDED"));
      }
      Document unfinished = new Document("$nin", List.of("SUCCEEDED", "FAILED", "CANCELLED"));

      assertThat(runs.find(new Document("_id", "r4").append("status", unfinished)).first())
          .containsEntry("status", "RUNNING");
      assertThat(runs.find(new Document("_id", "r5").append("status", unfinished)).first())
          .isNull();
      assertThat(runs.countDocuments(new Document("_id", "r5").append("status", "SUCCEEDED")))
          .isEqualTo(1);
      assertThat(
              runs.countDocuments(
                  new Document(
                      "$and",
                      List.of(new Document("_id", "r5"), new Document("status", "RUNNING")))))
          .isZero();
      assertThat(
              runs.countDocuments(
                  new Document(
                      "$and",
                      List.of(new Document("status", "SUCCEEDED"), new Document("_id", "r5")))))
          .isEqualTo(1);
      assertThat(
              runs.find(
                      new Document("_id", new Document("$in", List.of("r1", "r2", "r3", "nope")))
                          .append("status", "RUNNING"))
                  .into(new ArrayList<>()))
          .extracting(document -> document.get("_id"))
          .containsExactly("r2");

      assertThat(
              runs.updateOne(
                      new Document("_id", "r5").append("status", unfinished),
                      new Document("$set", new Document("status", "FAILED")))
                  .getModifiedCount())
          .isZero();
      assertThat(
              runs.updateOne(
                      new Document("_id", "r6").append("status", unfinished),
                      new Document("$set", new Document("status", "FAILED")))
                  .getModifiedCount())
          .isEqualTo(1);
      assertThat(
              runs.deleteOne(new Document("_id", "r7").append("status", "RUNNING"))
                  .getDeletedCount())
          .isZero();
      assertThat(
              runs.deleteOne(new Document("_id", "r8").append("status", "RUNNING"))
                  .getDeletedCount())
          .isEqualTo(1);
      assertThat(runs.countDocuments()).isEqualTo(49);
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> runs = client.getDatabase("db").getCollection("runs");
      assertThat(runs.find(new Document("_id", "r6").append("status", "FAILED")).first())
          .isNotNull();
      assertThat(runs.find(new Document("_id", "r8").append("status", "RUNNING")).first()).isNull();
      assertThat(runs.countDocuments()).isEqualTo(49);
    }
  }

  /**
   * What the file holds the moment a write is acknowledged is what a crash leaves: a copy taken
   * then, with the store still open, must hold every acknowledged write.
   */
  @Test
  void everyAcknowledgedWriteIsInTheFileBeforeItsAnswer() throws IOException {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("db").getCollection("plans");
      plans.insertOne(new Document("_id", "inserted"));
      plans.insertOne(new Document("_id", "updated").append("version", 1));
      plans.insertOne(new Document("_id", "deleted"));
      plans.updateOne(
          new Document("_id", "updated"), new Document("$set", new Document("version", 2)));
      plans.deleteOne(new Document("_id", "deleted"));
      plans.findOneAndUpdate(
          new Document("_id", "found-and-modified"),
          new Document("$set", new Document("claimed", true)),
          new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true));

      Path copy = dir.resolve("copy.mv");
      Files.copy(file, copy);
      try (EmbeddedMongo crashed = EmbeddedMongo.inFile(copy, "127.0.0.1", 0);
          MongoClient reader = MongoClients.create(crashed.connectionString())) {
        List<Document> kept =
            reader.getDatabase("db").getCollection("plans").find().into(new ArrayList<>());
        assertThat(kept)
            .extracting(document -> document.get("_id"))
            .containsExactlyInAnyOrder("inserted", "updated", "found-and-modified");
        assertThat(kept)
            .filteredOn(document -> document.get("_id").equals("updated"))
            .singleElement()
            .satisfies(updated -> assertThat(updated.get("version")).isEqualTo(2));
      }
    }
  }

  @Test
  void concurrentWritersShareTheirSyncs() throws Exception {
    Path file = dir.resolve("mongo.mv");
    int writers = 8;
    int writesEach = 40;
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("db").getCollection("plans");
      plans.insertOne(new Document("_id", "warm-up"));
      long syncsBefore = mongo.syncs();
      ExecutorService threads = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < writesEach; i++) {
                    plans.insertOne(new Document("_id", writer + "-" + i));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
      threads.shutdown();
      long syncs = mongo.syncs() - syncsBefore;
      assertThat(plans.countDocuments()).isEqualTo(1 + writers * writesEach);
      assertThat(syncs).isPositive().isLessThan(writers * writesEach);
    }
  }

  @Test
  void readsDoNotWaitForTheDisk() {
    Path file = dir.resolve("mongo.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("db").getCollection("plans");
      plans.insertOne(new Document("_id", "p1"));
      long syncs = mongo.syncs();
      for (int i = 0; i < 20; i++) {
        assertThat(plans.find(new Document("_id", "p1")).first()).isNotNull();
        assertThat(plans.countDocuments()).isEqualTo(1);
      }
      assertThat(mongo.syncs()).isEqualTo(syncs);
    }
  }

  /**
   * The format is the plain H2 backend's, which every earlier version of syncplan wrote. Its
   * indexes that are not unique it never kept: they are built when the file is first opened.
   */
  @Test
  void aFileWrittenByThePlainH2BackendOpensWithEverythingInIt() {
    Path file = dir.resolve("mongo.mv");
    H2Backend plain = new H2Backend(file.toString());
    MongoServer server = new MongoServer(plain);
    server.bind("127.0.0.1", 0);
    try (MongoClient client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyToClusterSettings(
                    cluster ->
                        cluster.hosts(
                            List.of(
                                new ServerAddress(
                                    "127.0.0.1", server.getLocalAddress().getPort()))))
                .build())) {
      MongoCollection<Document> plans = client.getDatabase("syncplan-plans").getCollection("plans");
      for (int i = 0; i < 50; i++) {
        plans.insertOne(
            new Document("_id", "plan-" + i).append("name", "plan " + i).append("group", i % 5));
      }
      plans.createIndex(
          new Document("name", 1), new com.mongodb.client.model.IndexOptions().unique(true));
      plans.createIndex(new Document("group", 1));
      client
          .getDatabase("syncplan-executor")
          .getCollection("run_ledger")
          .insertOne(new Document("_id", "run-1"));
    } finally {
      server.shutdownNow();
      plain.close();
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("syncplan-plans").getCollection("plans");
      assertThat(plans.countDocuments()).isEqualTo(50);
      long read = mongo.documentsRead("syncplan-plans", "plans");
      assertThat(plans.countDocuments(new Document("group", 2))).isEqualTo(10);
      assertThat(mongo.documentsRead("syncplan-plans", "plans")).isEqualTo(read);
      assertThatThrownBy(
              () -> plans.insertOne(new Document("_id", "again").append("name", "plan 7")))
          .hasMessageContaining("duplicate key");
      assertThat(client.getDatabase("syncplan-executor").getCollection("run_ledger").find().first())
          .containsEntry("_id", "run-1");
    }
  }

  @Test
  void aTruncatedFileStopsTheStartNamingTheFile() throws IOException {
    Path file = storeWithPlans(200);
    for (long length : new long[] {0, 100, 5000}) {
      Path cut = dir.resolve("cut-" + length + ".mv");
      Files.copy(file, cut);
      try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
        raf.setLength(length);
      }
      assertThatThrownBy(() -> EmbeddedMongo.inFile(cut, "127.0.0.1", 0))
          .isInstanceOf(DamagedStoreException.class)
          .hasMessageContaining(cut.toString())
          .hasMessageContaining("Restore the file from a backup");
      assertThat(Files.size(cut)).isEqualTo(length);
    }
  }

  @Test
  void aFileCutShortAfterItsHeaderIsNeverOpenedAsAnEmptyStore() throws IOException {
    Path file = storeWithPlans(200);
    long size = Files.size(file);
    for (long length : new long[] {size / 4, size / 2, size - 4096}) {
      Path cut = dir.resolve("cut-" + length + ".mv");
      Files.copy(file, cut);
      try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
        raf.setLength(length);
      }
      assertThatThrownBy(() -> EmbeddedMongo.inFile(cut, "127.0.0.1", 0))
          .isInstanceOf(DamagedStoreException.class)
          .hasMessageContaining(cut.toString())
          .hasMessageContaining("cut short");
    }
  }

  /**
   * H2 itself opens a file whose newest chunks are gone at the newest version it still finds, which
   * loses acknowledged writes without a word; the version mark beside the store catches it.
   */
  @Test
  void aCrashedFileCutShortIsRefusedNotOpenedAtAnOlderVersion() throws IOException {
    Path file = dir.resolve("store.mv");
    Path mark = dir.resolve("store.mv.version");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("db").getCollection("plans");
      for (int i = 0; i < 300; i++) {
        plans.insertOne(new Document("_id", "plan-" + i).append("body", "x".repeat(500)));
      }
      // Writes until one of them moves the mark (at most once a second), so it is recent.
      String markBefore = Files.exists(mark) ? Files.readString(mark) : "";
      AtomicInteger more = new AtomicInteger();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                plans.insertOne(new Document("_id", "more-" + more.incrementAndGet()));
                return Files.exists(mark) && !Files.readString(mark).equals(markBefore);
              });
      Path crashed = dir.resolve("crashed.mv");
      Files.copy(file, crashed);
      Files.copy(mark, dir.resolve("crashed.mv.version"));
      long size = Files.size(crashed);
      for (long length : new long[] {size / 4, size / 2, size - 4096}) {
        Path cut = dir.resolve("cut-" + length + ".mv");
        Files.copy(crashed, cut);
        Files.copy(mark, dir.resolve("cut-" + length + ".mv.version"));
        try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
          raf.setLength(length);
        }
        assertThatThrownBy(() -> EmbeddedMongo.inFile(cut, "127.0.0.1", 0))
            .isInstanceOf(DamagedStoreException.class)
            .hasMessageContaining(cut.toString())
            .hasMessageContaining("cut short");
      }
      // The whole copy opens with everything acknowledged before it was taken.
      try (EmbeddedMongo reopened = EmbeddedMongo.inFile(crashed, "127.0.0.1", 0);
          MongoClient reader = MongoClients.create(reopened.connectionString())) {
        assertThat(reader.getDatabase("db").getCollection("plans").countDocuments())
            .isEqualTo(300 + more.get());
      }
    }
  }

  @Test
  void aFileWithGarbageInItStopsTheStartNamingTheFile() throws IOException {
    Path file = storeWithPlans(200);
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[(int) Math.min(size / 2, 64 * 1024)];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      raf.seek(size / 3);
      raf.write(garbage);
    }
    assertThatThrownBy(() -> EmbeddedMongo.inFile(file, "127.0.0.1", 0))
        .isInstanceOf(DamagedStoreException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aStoreMovedAwayOnPurposeStartsAfreshDespiteItsOldMark() throws IOException {
    Path file = storeWithPlans(10);
    assertThat(dir.resolve("store.mv.version")).exists();
    Files.move(file, dir.resolve("moved-away.mv"));
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(client.getDatabase("db").getCollection("plans").countDocuments()).isZero();
    }
  }

  @Test
  void aStoppedStoreAnswersAgainOnItsPortWithItsData() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(dir.resolve("mongo.mv"), "127.0.0.1", 0)) {
      String uri = mongo.connectionString() + "/?serverSelectionTimeoutMS=1000";
      try (MongoClient client = MongoClients.create(uri)) {
        client.getDatabase("db").getCollection("plans").insertOne(new Document("_id", "p1"));
        mongo.stop();
        assertThat(mongo.isRunning()).isFalse();
        assertThatThrownBy(() -> client.getDatabase("db").getCollection("plans").countDocuments())
            .isInstanceOf(com.mongodb.MongoException.class);
        mongo.start();
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> client.getDatabase("db").getCollection("plans").countDocuments() == 1);
      }
    }
  }

  private Path storeWithPlans(int count) {
    Path file = dir.resolve("store.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> plans = client.getDatabase("db").getCollection("plans");
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        documents.add(new Document("_id", "plan-" + i).append("body", "x".repeat(500)));
      }
      plans.insertMany(documents);
    }
    return file;
  }
}
