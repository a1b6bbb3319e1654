package io.syncplan.notification;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Sends the notifications plans ask for when their runs start, fail or finish. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationServiceApplication {

  /** The name of this service's configuration file, {@code notification-service.yml}. */
  public static final String CONFIG_NAME = "notification-service";

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application with its own configuration file name (see plan-service for why). */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(NotificationServiceApplication.class);
    application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
    return application;
  }
}
