package io.syncplan.executor;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.EncryptionSpec;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.testsupport.LoopbackRemote;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans for tests: local folders and one attempt unless a test says otherwise, every other setting
 * at its default.
 */
public final class TestPlans {

  private String id = "plan-" + UUID.randomUUID();
  private long version = 1;
  private Endpoint source;
  private Endpoint destination;
  private SyncMode mode = SyncMode.MIRROR;
  private RevisionPolicy revisions;
  private FilterSpec filters;
  private PerformanceSpec performance;
  private RetryPolicy retries = new RetryPolicy(1, Duration.ofMillis(100), 1.0);
  private EncryptionSpec encryption;
  private java.util.function.Function<String, EncryptionSpec> sealEncryption;
  private String pool;
  private Priority priority;
  private DeletionGuard deletionGuard;
  private List<HookSpec> hooks = List.of();

  private TestPlans(Endpoint source, Endpoint destination) {
    this.source = source;
    this.destination = destination;
  }

  /** A WebDAV storage on a port nobody listens on: every attempt fails, and may be retried. */
  public static StorageSpec deadWebdav() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new StorageSpec(
        "dead",
        "dead",
        "webdav",
        Map.of("url", "http://127.0.0.1:" + port, "vendor", "other"),
        Map.of());
  }

  /**
   * A storage of a loopback remote, its secrets sealed as plan-service seals them: with the test
   * key, for this storage and option.
   */
  public static StorageSpec storage(
      String id, String name, LoopbackRemote remote, SecretCipher cipher) {
    Map<String, SealedSecret> secrets = new HashMap<>();
    remote
        .secrets()
        .forEach(
            (option, value) ->
                secrets.put(option, cipher.seal(value, SecretContext.storage(id, option))));
    return new StorageSpec(id, name, remote.type(), remote.options(), secrets);
  }

  public static TestPlans between(Path source, Path destination) {
    return new TestPlans(
        Endpoint.local(source.toAbsolutePath().toString()),
        Endpoint.local(destination.toAbsolutePath().toString()));
  }

  public static TestPlans between(Endpoint source, Endpoint destination) {
    return new TestPlans(source, destination);
  }

  public TestPlans id(String id) {
    this.id = id;
    return this;
  }

  public TestPlans version(long version) {
    this.version = version;
    return this;
  }

  public TestPlans mode(SyncMode mode) {
    this.mode = mode;
    return this;
  }

  public TestPlans revisions(RevisionPolicy revisions) {
    this.revisions = revisions;
    return this;
  }

  public TestPlans filters(FilterSpec filters) {
    this.filters = filters;
    return this;
  }

  public TestPlans performance(PerformanceSpec performance) {
    this.performance = performance;
    return this;
  }

  public TestPlans hooks(HookSpec... hooks) {
    this.hooks = List.of(hooks);
    return this;
  }

  public TestPlans retries(RetryPolicy retries) {
    this.retries = retries;
    return this;
  }

  public TestPlans encryption(EncryptionSpec encryption) {
    this.encryption = encryption;
    return this;
  }

  /**
   * Encryption at rest, its password and salt (or null) sealed for this plan, as plan-service does.
   */
  public TestPlans encryption(SecretCipher cipher, String password, String salt) {
    this.sealEncryption =
        planId ->
            new EncryptionSpec(
                cipher.seal(password, SecretContext.encryptionPassword(planId)),
                salt == null ? null : cipher.seal(salt, SecretContext.encryptionSalt(planId)));
    return this;
  }

  public TestPlans pool(String pool) {
    this.pool = pool;
    return this;
  }

  public TestPlans priority(Priority priority) {
    this.priority = priority;
    return this;
  }

  public TestPlans deletionGuard(DeletionGuard deletionGuard) {
    this.deletionGuard = deletionGuard;
    return this;
  }

  public PlanSnapshot build() {
    return new PlanSnapshot(
        id,
        version,
        "test plan " + id,
        null,
        List.of(),
        source,
        destination,
        mode,
        null,
        revisions,
        filters,
        performance,
        retries,
        null,
        sealEncryption == null ? encryption : sealEncryption.apply(id),
        pool,
        priority,
        deletionGuard,
        false,
        Instant.now(),
        null,
        null,
        hooks,
        null);
  }
}
