package io.syncplan.executor.config;

import com.mongodb.client.MongoDatabase;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jobs that must run on one executor at a time take a lock in the shared MongoDB. */
@Configuration(proxyBeanMethods = false)
class ShedLockConfig {

  @Bean
  LockProvider lockProvider(MongoDatabase executorDatabase) {
    return new MongoLockProvider(executorDatabase);
  }

  @Bean
  LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
    return new DefaultLockingTaskExecutor(lockProvider);
  }
}
