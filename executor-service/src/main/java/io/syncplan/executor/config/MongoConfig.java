package io.syncplan.executor.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The executor's database through MongoDB's blocking driver, for the work that runs on a run's own
 * thread anyway (bisync state in GridFS) and for ShedLock's lock provider.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfig {

  @Bean
  MongoDatabase executorDatabase(
      MongoClient client, @Value("${spring.mongodb.database}") String database) {
    return client.getDatabase(database);
  }
}
