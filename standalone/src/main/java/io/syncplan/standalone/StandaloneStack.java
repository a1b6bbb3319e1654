package io.syncplan.standalone;

import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.signature.SigningKeys;
import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import io.syncplan.executor.ExecutorServiceApplication;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.plan.PlanServiceApplication;
import io.syncplan.plan.security.BootstrapApiKey;
import io.syncplan.scheduler.SchedulerServiceApplication;
import io.syncplan.support.network.NetworkPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of syncplan in one process: a Kafka broker and a MongoDB-compatible store (unless
 * external ones are configured) and the four services, each its own Spring application as it would
 * be in production. Closing it stops everything in reverse order.
 */
public final class StandaloneStack implements AutoCloseable {

  private final StandaloneSettings settings;
  private final List<AutoCloseable> started = new ArrayList<>();
  private KafkaBroker kafka;
  private EmbeddedMongo mongo;
  private String kafkaBootstrap;
  private String mongoUri;
  private ConfigurableApplicationContext planService;
  private final List<ConfigurableApplicationContext> services = new ArrayList<>();

  private StandaloneStack(StandaloneSettings settings) {
    this.settings = settings;
  }

  /** Starts everything; on failure, stops what was started and rethrows. */
  public static StandaloneStack start(StandaloneSettings settings) {
    StandaloneStack stack = new StandaloneStack(settings);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    createDirectory(settings.dataDir());
    started.add(DataDirectoryLock.take(settings.dataDir()));
    if (settings.externalKafka() == null) {
      kafka =
          KafkaBroker.start(
              settings.dataDir().resolve("kafka"), settings.kafkaHost(), settings.kafkaPort());
      started.add(kafka);
      kafkaBootstrap = kafka.bootstrapServers();
    } else {
      kafkaBootstrap = settings.externalKafka();
    }
    if (settings.externalMongo() == null) {
      mongo = EmbeddedMongo.inFile(settings.dataDir().resolve("mongo/syncplan.mv"), "127.0.0.1", 0);
      started.add(mongo);
      mongoUri = mongo.connectionString();
    } else {
      mongoUri = settings.externalMongo();
    }
    String secretKey = secretKey(settings.dataDir().resolve("secret.key"));
    // The one executor here serves the default pool, so the API can refuse what lies outside.
    String localRoots = String.join(",", settings.localRoots());
    KeyPair signing = signingKeys(settings.dataDir());
    String signingKey =
        "--syncplan.command-signing.private-key=" + SigningKeys.text(signing.getPrivate());
    // The executor first: without rclone it refuses to start, and nothing else should.
    startService(
        ExecutorServiceApplication.application(),
        settings.servicePort(2),
        secretKey,
        withoutApiFeatures(
            "--syncplan.executor.work-dir=" + settings.dataDir().resolve("executor"),
            "--syncplan.executor.local-roots=" + localRoots,
            "--syncplan.command-signing.trusted-keys=" + SigningKeys.text(signing.getPublic())));
    List<String> planArgs = new ArrayList<>();
    planArgs.add(
        "--syncplan.security.api-key-pepper="
            + apiKeyPepper(settings.dataDir().resolve("api-key.pepper")));
    planArgs.add("--syncplan.security.generated-key-file=" + generatedKeyFile());
    planArgs.add("--syncplan.api.local-roots=" + localRoots);
    planArgs.add(signingKey);
    if (settings.bootstrapApiKey() != null) {
      planArgs.add("--syncplan.security.bootstrap-api-key=" + settings.bootstrapApiKey());
    }
    planService =
        startService(
            PlanServiceApplication.application(),
            settings.apiPort(),
            secretKey,
            planArgs.toArray(String[]::new));
    startService(
        SchedulerServiceApplication.application(),
        settings.servicePort(1),
        secretKey,
        withoutApiFeatures(signingKey));
    startService(
        NotificationServiceApplication.application(),
        settings.servicePort(3),
        secretKey,
        withoutApiFeatures());
  }

  /**
   * The four services share one class path here, so each would auto-configure what only
   * plan-service uses (Spring Security, which would lock the other services' health endpoints, and
   * the OpenAPI pages). Deployed alone, a service does not have these on its class path at all.
   */
  private static String[] withoutApiFeatures(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--spring.autoconfigure.exclude=" + String.join(",", API_ONLY_AUTO_CONFIGURATIONS));
    all.add("--springdoc.api-docs.enabled=false");
    all.add("--springdoc.swagger-ui.enabled=false");
    return all.toArray(String[]::new);
  }

  private static final List<String> API_ONLY_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration");

  private ConfigurableApplicationContext startService(
      SpringApplication application, int port, String secretKey, String... extraArgs) {
    application.setRegisterShutdownHook(false);
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--server.address=" + settings.host());
    args.add("--spring.main.banner-mode=off");
    args.add("--spring.main.log-startup-info=false");
    // One log for four services: each line's logger names its service's package.
    args.add("--logging.include-application-name=false");
    args.add("--syncplan.secrets.key=" + secretKey);
    // empty when only public addresses are allowed: the services' own default
    args.add("--syncplan.network.allow=" + String.join(",", settings.networkAllow()));
    if (settings.externalKafka() == null) {
      args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrap);
    }
    if (settings.externalMongo() == null) {
      args.add("--spring.mongodb.uri=" + mongoUri);
    }
    Collections.addAll(args, extraArgs);
    ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
    started.add(context);
    services.add(context);
    return context;
  }

  /** The base URL of the HTTP API, for example {@code http://localhost:8080}. */
  public String apiUrl() {
    int port = ((WebServerApplicationContext) planService).getWebServer().getPort();
    return "http://" + settings.host() + ":" + port;
  }

  /** Each service's health endpoint, by service name. */
  public java.util.Map<String, String> healthUrls() {
    java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
    for (ConfigurableApplicationContext service : services) {
      int port = ((WebServerApplicationContext) service).getWebServer().getPort();
      urls.put(
          service.getEnvironment().getProperty("spring.application.name"),
          "http://" + settings.host() + ":" + port + "/actuator/health");
    }
    return urls;
  }

  /** Where a generated admin API key is written: in the data directory, readable by its owner. */
  public Path generatedKeyFile() {
    return settings.dataDir().resolve("admin-api-key");
  }

  /** The admin API key plan-service generated at this start, if it generated one. */
  public Optional<String> generatedApiKey() {
    return planService.getBean(BootstrapApiKey.class).generatedKey();
  }

  /** Where webhooks and storages may go, as the services apply it. */
  public String networkPolicy() {
    return planService.getBean(NetworkPolicy.class).describe();
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  public boolean embeddedKafka() {
    return kafka != null;
  }

  /** The embedded broker, for tests that take it down; null when Kafka is external. */
  KafkaBroker broker() {
    return kafka;
  }

  /** The embedded store, for tests that take it down; null when MongoDB is external. */
  EmbeddedMongo store() {
    return mongo;
  }

  public boolean embeddedMongo() {
    return mongo != null;
  }

  public StandaloneSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("syncplan: error while stopping: " + e);
      }
    }
    started.clear();
  }

  /** The key that seals secrets, made once per data directory and kept there. */
  private static String secretKey(Path file) {
    return PrivateFiles.readOrCreate(file, SecretCipher::generateKey);
  }

  /**
   * The key pair that signs commands (plan-service and the scheduler) and lets the executor check
   * them, made once per data directory and kept there, the private key readable by its owner only.
   */
  private static KeyPair signingKeys(Path dataDir) {
    Path privateFile = dataDir.resolve("command-signing.key");
    Path publicFile = dataDir.resolve("command-signing.pub");
    try {
      if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
        KeyPair pair = SigningKeys.generate();
        Files.deleteIfExists(privateFile);
        PrivateFiles.readOrCreate(privateFile, () -> SigningKeys.text(pair.getPrivate()));
        Files.writeString(publicFile, SigningKeys.text(pair.getPublic()));
      }
      return new KeyPair(
          SigningKeys.publicKey(Files.readString(publicFile)),
          SigningKeys.privateKey(Files.readString(privateFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the command signing keys in " + dataDir, e);
    }
  }

  /** The pepper API keys are hashed with, made once per data directory and kept there. */
  private static String apiKeyPepper(Path file) {
    return PrivateFiles.readOrCreate(file, SecretCipher::generateKey);
  }

  private static void createDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + directory, e);
    }
  }
}
