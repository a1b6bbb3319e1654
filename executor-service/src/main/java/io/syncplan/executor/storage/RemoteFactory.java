package io.syncplan.executor.storage;

import io.syncplan.contracts.plan.EncryptionSpec;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.executor.network.StorageNetworkGuard;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneArguments;
import io.syncplan.executor.rclone.RcloneObscure;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a plan's endpoints into rclone locations. A storage becomes a remote defined only by
 * environment variables ({@code RCLONE_CONFIG_<REMOTE>_<OPTION>}), never by a config file or the
 * command line; its secrets are opened at this last moment, and those rclone takes obscured (such
 * as sftp's {@code pass}) are obscured. Encryption at rest wraps the destination in a crypt remote
 * the same way.
 */
@Component
public class RemoteFactory {

  /** The remote names a plan's locations use; fixed, so bisync's state names stay stable. */
  public static final String SOURCE = "SRC";

  public static final String DESTINATION = "DST";
  public static final String ENCRYPTED_DESTINATION = "DSTCRYPT";
  public static final String STORAGE = "STORAGE";
  public static final String TARGET = "TGT";

  private static final Pattern BACKEND = Pattern.compile("[a-z][a-z0-9]{0,31}");
  private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final Rclone rclone;
  private final ObjectProvider<SecretCipher> cipher;
  private final StorageNetworkGuard network;

  RemoteFactory(Rclone rclone, ObjectProvider<SecretCipher> cipher, StorageNetworkGuard network) {
    this.rclone = rclone;
    this.cipher = cipher;
    this.network = network;
  }

  /** The source of a run. */
  public RcloneLocation source(Endpoint source) {
    return endpoint(SOURCE, "source", source);
  }

  /** The destination of a run, through a crypt remote when the plan encrypts at rest. */
  public RcloneLocation destination(Endpoint destination, EncryptionSpec encryption) {
    RcloneLocation plain = endpoint(DESTINATION, "destination", destination);
    return encryption == null ? plain : encrypted(plain, encryption);
  }

  /** Where a restore writes, when it is neither of the plan's own sides. */
  public RcloneLocation target(Endpoint target) {
    return endpoint(TARGET, "target", target);
  }

  /** A storage on its own, for a reachability check. */
  public RcloneLocation storage(StorageSpec storage, String path) {
    return remote(STORAGE, "storage", storage, path == null ? "" : path);
  }

  private RcloneLocation endpoint(String remote, String side, Endpoint endpoint) {
    if (endpoint.isLocal()) {
      String path = RcloneArguments.value(side + ".path", endpoint.path());
      if (!Path.of(path).isAbsolute()) {
        throw new UnsafeArgumentException(
            side + ".path must be an absolute path on the executor's machine: " + path);
      }
      return new RcloneLocation(path, Map.of(), Set.of());
    }
    return remote(remote, side, endpoint.storage(), endpoint.path());
  }

  private RcloneLocation remote(String remote, String side, StorageSpec storage, String path) {
    if (!path.isEmpty()) {
      RcloneArguments.value(side + ".path", path);
    }
    String type = storage.type();
    if (type == null || !BACKEND.matcher(type).matches()) {
      throw new UnsafeArgumentException(side + " storage type is not an rclone backend: " + type);
    }
    network.check(side, storage);
    Map<String, String> environment = new HashMap<>();
    Set<String> secrets = new HashSet<>();
    environment.put(variable(remote, "type"), type);
    storage
        .options()
        .forEach(
            (option, value) ->
                environment.put(
                    variable(remote, option(side, option)),
                    value.isEmpty()
                        ? value
                        : RcloneArguments.value(side + " option " + option, value)));
    storage
        .secrets()
        .forEach(
            (option, secret) -> {
              String plain = open(side + " secret " + option, secret);
              String handed =
                  rclone.isPasswordOption(type, option) ? RcloneObscure.obscure(plain) : plain;
              environment.put(variable(remote, option(side, option)), handed);
              secrets.add(plain);
              secrets.add(handed);
            });
    return new RcloneLocation(remote + ":" + path, environment, secrets);
  }

  private RcloneLocation encrypted(RcloneLocation destination, EncryptionSpec encryption) {
    Map<String, String> environment = new HashMap<>(destination.environment());
    Set<String> secrets = new HashSet<>(destination.secrets());
    environment.put(variable(ENCRYPTED_DESTINATION, "type"), "crypt");
    environment.put(variable(ENCRYPTED_DESTINATION, "remote"), destination.location());
    String password = open("encryption password", encryption.password());
    String obscured = RcloneObscure.obscure(password);
    environment.put(variable(ENCRYPTED_DESTINATION, "password"), obscured);
    secrets.add(password);
    secrets.add(obscured);
    if (encryption.salt() != null) {
      String salt = open("encryption salt", encryption.salt());
      String obscuredSalt = RcloneObscure.obscure(salt);
      environment.put(variable(ENCRYPTED_DESTINATION, "password2"), obscuredSalt);
      secrets.add(salt);
      secrets.add(obscuredSalt);
    }
    return new RcloneLocation(ENCRYPTED_DESTINATION + ":", environment, secrets);
  }

  private String open(String what, SealedSecret secret) {
    try {
      String plain = cipher.getObject().open(secret);
      return RcloneArguments.line(what, plain);
    } catch (IllegalArgumentException | BeansException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new UnreadableSecretException(what + " cannot be opened: " + cause.getMessage());
    }
  }

  private static String option(String side, String option) {
    if (!OPTION.matcher(option).matches()) {
      throw new UnsafeArgumentException(
          side + " option names are lower-case letters, digits and '_': " + option);
    }
    return option;
  }

  private static String variable(String remote, String option) {
    return "RCLONE_CONFIG_" + remote + "_" + option.toUpperCase(Locale.ROOT);
  }
}
