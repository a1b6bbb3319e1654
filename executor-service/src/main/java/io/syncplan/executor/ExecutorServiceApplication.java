package io.syncplan.executor;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the sync plans of one executor pool with rclone. Scale it horizontally. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ExecutorServiceApplication {

  /** The name of this service's configuration file, {@code executor-service.yml}. */
  public static final String CONFIG_NAME = "executor-service";

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application with its own configuration file name (see plan-service for why). */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(ExecutorServiceApplication.class);
    application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
    return application;
  }
}
