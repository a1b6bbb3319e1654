package io.syncplan.scheduler.config;

import com.mongodb.client.MongoClient;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ShedLock on the scheduler's MongoDB database: the lease that decides which replica fires. */
@Configuration(proxyBeanMethods = false)
class LockConfig {

  @Bean
  LockProvider lockProvider(
      MongoClient mongo, @Value("${spring.mongodb.database}") String database) {
    return new MongoLockProvider(mongo.getDatabase(database));
  }
}
