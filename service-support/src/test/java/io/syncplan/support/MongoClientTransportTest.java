package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.connection.AsyncTransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.internal.MongoClientImpl;
import io.syncplan.support.SyncplanServiceAutoConfiguration.MongoClientConfiguration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every service's reactive MongoDB client talks over the driver's own sockets, not Netty (which
 * Spring Boot would choose, Netty being on the class path), and is otherwise made as Boot makes it:
 * from the connection settings and with every customizer. No store needed: the client connects
 * lazily.
 */
class MongoClientTransportTest {

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MongoReactiveAutoConfiguration.class))
          .withUserConfiguration(MongoClientConfiguration.class)
          .withPropertyValues("spring.mongodb.uri=mongodb://127.0.0.1:27999/transport-test");

  @Test
  void theReactiveClientUsesTheDriversOwnSocketsNotNetty() {
    service.run(
        context ->
            assertThat(settings(context.getBean(MongoClient.class)).getTransportSettings())
                .isInstanceOf(AsyncTransportSettings.class));
  }

  @Test
  void theReactiveClientKeepsTheConnectionSettingsAndEveryCustomizer() {
    service
        .withBean(
            MongoClientSettingsBuilderCustomizer.class,
            () ->
                builder ->
                    builder.applyToSocketSettings(
                        socket -> socket.connectTimeout(1_234, TimeUnit.MILLISECONDS)))
        .run(
            context -> {
              MongoClientSettings settings = settings(context.getBean(MongoClient.class));
              assertThat(settings.getClusterSettings().getHosts())
                  .containsExactly(new ServerAddress("127.0.0.1", 27999));
              assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                  .isEqualTo(1_234);
            });
  }

  private static MongoClientSettings settings(MongoClient client) {
    return ((MongoClientImpl) client).getSettings();
  }
}
