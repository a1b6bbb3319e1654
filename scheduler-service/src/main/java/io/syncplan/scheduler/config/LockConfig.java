package io.syncplan.scheduler.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ShedLock on the scheduler's MongoDB database: the lease that decides which replica fires. */
@Configuration(proxyBeanMethods = false)
class LockConfig {

  /** ShedLock's collection. */
  public static final String LOCK_COLLECTION = "shedLock";

  @Bean
  MongoCollection<Document> lockCollection(
      MongoClient mongo, @Value("${spring.mongodb.database}") String database) {
    return mongo.getDatabase(database).getCollection(LOCK_COLLECTION);
  }

  @Bean
  LockProvider lockProvider(MongoCollection<Document> lockCollection) {
    return new MongoLockProvider(lockCollection);
  }
}
