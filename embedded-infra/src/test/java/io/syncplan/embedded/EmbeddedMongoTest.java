package io.syncplan.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

  @Test
  void fileStoreKeepsDocumentsAcrossARestart(@TempDir Path dir) {
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
}
