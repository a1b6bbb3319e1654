package io.syncplan.scheduler;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Keeps the schedules of all plans and sends a run command whenever one is due. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerServiceApplication {

  /** The name of this service's configuration file, {@code scheduler-service.yml}. */
  public static final String CONFIG_NAME = "scheduler-service";

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application with its own configuration file name (see plan-service for why). */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(SchedulerServiceApplication.class);
    application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
    return application;
  }
}
