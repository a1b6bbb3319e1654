package io.syncplan.scheduler.config;

import com.mongodb.client.MongoClient;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ShedLock on the scheduler's MongoDB database: one replica fires at a time. */
@Configuration(proxyBeanMethods = false)
class LockConfig {

  @Bean
  LockProvider lockProvider(
      MongoClient mongo, @Value("${spring.mongodb.database}") String database) {
    return new MongoLockProvider(mongo.getDatabase(database));
  }

  @Bean
  LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
    return new DefaultLockingTaskExecutor(lockProvider);
  }
}
