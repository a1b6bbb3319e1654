package io.syncplan.plan;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The HTTP API of syncplan: plans, runs and their history. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlanServiceApplication {

  /** The name of this service's configuration file, {@code plan-service.yml}. */
  public static final String CONFIG_NAME = "plan-service";

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file name, so that all services can share one class
   * path in the standalone stack.
   */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(PlanServiceApplication.class);
    application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
    return application;
  }
}
