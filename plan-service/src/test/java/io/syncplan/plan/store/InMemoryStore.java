package io.syncplan.plan.store;

import com.mongodb.ConnectionString;
import io.syncplan.embedded.EmbeddedMongo;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The embedded store in memory, over the MongoDB wire protocol, for plan-service's store slices
 * ({@code @DataMongoTest}): each slice imports it into a configuration of its own package, which
 * names the documents it maps. One store a test context. Not a {@code @Configuration}, so that the
 * application tests' component scan, which reaches the test classes, does not give them a store of
 * their own.
 */
public class InMemoryStore {

  @Bean(destroyMethod = "close")
  EmbeddedMongo store() {
    return EmbeddedMongo.inMemory("127.0.0.1", 0);
  }

  @Bean
  MongoConnectionDetails storeConnection(EmbeddedMongo store) {
    return () -> new ConnectionString(store.connectionString() + "/store-slice");
  }
}
