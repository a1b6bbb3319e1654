package io.syncplan.plan.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes sure somebody can call the API on a fresh installation, and only there: while no admin key
 * exists, {@code SYNCPLAN_BOOTSTRAP_API_KEY} is stored as an admin key, or, without it, one is
 * generated. Once any admin key exists nothing is applied, so a bootstrap key revoked through the
 * API stays revoked when the service restarts with the same environment.
 *
 * <p>A generated key is written to {@code syncplan.security.generated-key-file} (created with mode
 * 0600, readable by this user only) and printed only when standard output is a terminal, never to a
 * log a collector keeps. Only its hash is stored. With several instances starting at once, one of
 * them stores its key.
 *
 * <p>Runs while the application starts, before it serves requests; blocking here holds no event
 * loop. API keys of an earlier version are moved to the current hash first.
 */
@Component
public class BootstrapApiKey implements ApplicationRunner {

  static final String ID = "bootstrap";
  private static final Logger log = LoggerFactory.getLogger(BootstrapApiKey.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ApiKeys keys;
  private final ApiKeyHashUpgrade upgrade;
  private final SecurityProperties properties;
  private volatile String generated;

  BootstrapApiKey(ApiKeys keys, ApiKeyHashUpgrade upgrade, SecurityProperties properties) {
    this.keys = keys;
    this.upgrade = upgrade;
    this.properties = properties;
  }

  /**
   * The admin key this instance generated at start-up, for an embedding application (the standalone
   * stack) to show on a terminal; empty when a key was configured or one existed already.
   */
  public Optional<String> generatedKey() {
    return Optional.ofNullable(generated);
  }

  /** Where a generated key is written, if anywhere. */
  public Optional<Path> generatedKeyFile() {
    return Optional.ofNullable(properties.generatedKeyFile());
  }

  @Override
  public void run(ApplicationArguments args) {
    upgrade.upgrade();
    if (Boolean.TRUE.equals(keys.anyAdmin().block(TIMEOUT))) {
      if (properties.bootstrapApiKey() != null) {
        log.info(
            "SYNCPLAN_BOOTSTRAP_API_KEY is not applied: admin keys exist, and a bootstrap key that"
                + " was revoked stays revoked. Manage keys with /api/v1/keys");
      }
      return;
    }
    String configured = properties.bootstrapApiKey();
    if (configured != null) {
      keys.store(ID, "bootstrap", Role.ADMIN, configured, "configuration")
          .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
          .block(TIMEOUT);
      log.info("Admin API key from SYNCPLAN_BOOTSTRAP_API_KEY is active");
      return;
    }
    boolean terminal = System.console() != null;
    if (properties.generatedKeyFile() == null && !terminal) {
      log.warn(
          "No admin API key exists, and a generated one could be shown to nobody: set"
              + " SYNCPLAN_BOOTSTRAP_API_KEY (openssl rand -hex 24) and restart");
      return;
    }
    keys.issue(ID, "bootstrap", Role.ADMIN, "start-up")
        .map(ApiKeys.Issued::key)
        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
        .doOnNext(key -> announce(key, terminal))
        .block(TIMEOUT);
  }

  private void announce(String key, boolean terminal) {
    generated = key;
    Path file = properties.generatedKeyFile();
    if (file != null) {
      writePrivately(file, key);
      log.info("Generated an admin API key; it is in {} (readable by this user only)", file);
    }
    if (terminal && file == null) {
      System.out.println(
          """

          ==========================================================================
           syncplan: generated an admin API key. It is shown only this once:

             %s

           Send it as 'Authorization: Bearer <key>'. Issue further keys with
           POST /api/v1/keys, or set SYNCPLAN_BOOTSTRAP_API_KEY to choose your own.
          ==========================================================================
          """
              .formatted(key));
    }
  }

  /** Writes the key to a file that only this user can read, from the moment it exists. */
  static void writePrivately(Path file, String key) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, key + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generated admin API key to " + file, e);
    }
  }
}
