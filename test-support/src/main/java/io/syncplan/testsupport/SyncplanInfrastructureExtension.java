package io.syncplan.testsupport;

import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Starts one Kafka broker and one MongoDB for all test classes of the JVM and closes them when the
 * test run ends. Which kind is chosen by {@code SYNCPLAN_TEST_INFRA} (environment) or {@code
 * syncplan.test.infra} (system property): {@code embedded}, {@code containers}, or {@code auto}
 * (the default: containers when a Docker engine answers, embedded otherwise).
 */
public final class SyncplanInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

  private static final Logger log = LoggerFactory.getLogger(SyncplanInfrastructureExtension.class);

  /** The key tests seal secrets with; never used outside tests. */
  public static final String TEST_SECRETS_KEY = "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYiE=";

  /** The key pair tests sign and verify commands with; never used outside tests. */
  public static final String TEST_SIGNING_PRIVATE_KEY =
      "MC4CAQAwBQYDK2VwBCIEINH6FOWkj1BxQu2X+mwQVR7CuLGaUfI/hrFd6Oqg4GG+";

  public static final String TEST_SIGNING_PUBLIC_KEY =
      "MCowBQYDK2VwAyEA2A2E7PzKQJY+HhWgxHwUrt1yEQVqyghszw/ktvdfCxw=";

  /**
   * The folders executors in tests may use for local paths: the temporary folder, where every test
   * keeps its files.
   */
  public static final String TEST_LOCAL_ROOTS = System.getProperty("java.io.tmpdir");

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SyncplanInfrastructureExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    TestInfrastructure infrastructure = infrastructure(context);
    System.setProperty("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
    System.setProperty("spring.mongodb.uri", infrastructure.mongoUri());
    System.setProperty("syncplan.secrets.key", TEST_SECRETS_KEY);
    System.setProperty("syncplan.executor.local-roots", TEST_LOCAL_ROOTS);
    System.setProperty("syncplan.command-signing.private-key", TEST_SIGNING_PRIVATE_KEY);
    System.setProperty("syncplan.command-signing.trusted-keys", TEST_SIGNING_PUBLIC_KEY);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestInfrastructure.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return infrastructure(context);
  }

  /** The shared infrastructure, started on first use. */
  public static TestInfrastructure infrastructure(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            TestInfrastructure.class,
            key -> SyncplanInfrastructureExtension.start(),
            TestInfrastructure.class);
  }

  private static TestInfrastructure start() {
    String choice = System.getenv("SYNCPLAN_TEST_INFRA");
    choice = System.getProperty("syncplan.test.infra", choice == null ? "auto" : choice);
    boolean containers =
        switch (choice.toLowerCase(Locale.ROOT)) {
          case "containers" -> true;
          case "embedded" -> false;
          default -> dockerAvailable();
        };
    TestInfrastructure infrastructure =
        containers ? new ContainerTestInfrastructure() : new EmbeddedTestInfrastructure();
    log.info(
        "Test infrastructure ({}): Kafka {}, MongoDB {}",
        infrastructure.kind(),
        infrastructure.bootstrapServers(),
        infrastructure.mongoUri());
    return infrastructure;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
