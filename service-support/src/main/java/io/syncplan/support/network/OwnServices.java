package io.syncplan.support.network;

import io.syncplan.support.network.NetworkPolicy.OwnService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The stack's own Kafka brokers and MongoDB servers, as this service is configured to reach them.
 */
final class OwnServices {

  private static final int KAFKA_PORT = 9092;
  private static final int MONGO_PORT = 27017;

  private OwnServices() {}

  static List<OwnService> of(Environment environment) {
    List<OwnService> services = new ArrayList<>();
    Binder.get(environment)
        .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
        .orElse(List.of())
        .forEach(
            server ->
                Destination.parse(server, KAFKA_PORT)
                    .ifPresent(d -> services.add(new OwnService("Kafka", d))));
    String mongo = environment.getProperty("spring.mongodb.uri");
    if (mongo != null) {
      mongoHosts(mongo).forEach(d -> services.add(new OwnService("MongoDB", d)));
    }
    return services;
  }

  /** The servers of a {@code mongodb://} or {@code mongodb+srv://} connection string. */
  static List<Destination> mongoHosts(String uri) {
    String text = uri.strip();
    int separator = text.indexOf("://");
    if (separator < 0) {
      return List.of();
    }
    boolean srv = text.substring(0, separator).equalsIgnoreCase("mongodb+srv");
    String hosts = text.substring(separator + 3);
    for (char end : new char[] {'/', '?'}) {
      int at = hosts.indexOf(end);
      if (at >= 0) {
        hosts = hosts.substring(0, at);
      }
    }
    hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
    List<Destination> destinations = new ArrayList<>();
    for (String host : hosts.split(",")) {
      // a DNS seed list names no port: its servers' ports come from SRV records
      Destination.parse(host, srv ? Destination.ANY_PORT : MONGO_PORT).ifPresent(destinations::add);
    }
    return destinations;
  }
}
