package io.syncplan.executor.storage;

import io.syncplan.contracts.plan.EncryptionSpec;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.policy.LocalRoots;
import io.syncplan.contracts.policy.PlanRules;
import io.syncplan.contracts.policy.PolicyViolation;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.executor.config.LocalRootsProperties;
import io.syncplan.executor.network.StorageNetworkGuard;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneArguments;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneObscure;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a plan's endpoints into rclone locations. A storage becomes a remote defined only by
 * environment variables ({@code RCLONE_CONFIG_<REMOTE>_<OPTION>}), never by a config file or the
 * command line, after the storage policy has been applied to it again ({@link RemoteDefinitions});
 * its secrets are opened at this last moment, and those rclone takes obscured (such as sftp's
 * {@code pass}) are obscured. A local path must lie inside this executor's local roots once its
 * symbolic links are followed. Encryption at rest wraps the destination in a crypt remote the same
 * way.
 */
@Component
public class RemoteFactory {

  /** The remote names a plan's locations use; fixed, so bisync's state names stay stable. */
  public static final String SOURCE = "SRC";

  public static final String DESTINATION = "DST";
  public static final String ENCRYPTED_DESTINATION = "DSTCRYPT";
  public static final String STORAGE = "STORAGE";
  public static final String TARGET = "TGT";

  private final Rclone rclone;
  private final ObjectProvider<SecretCipher> cipher;
  private final StoragePolicy policy;
  private final LocalRoots roots;
  private final StorageNetworkGuard network;

  RemoteFactory(
      Rclone rclone,
      ObjectProvider<SecretCipher> cipher,
      StoragePolicy policy,
      LocalRootsProperties localRoots,
      StorageNetworkGuard network) {
    this.rclone = rclone;
    this.cipher = cipher;
    this.policy = policy;
    this.network = network;
    this.roots = new LocalRoots(localRoots.localRoots(), LocalRootsProperties.SETTING);
  }

  /** The folders of this machine plans may use. */
  public LocalRoots localRoots() {
    return roots;
  }

  /**
   * Holds a plan snapshot to the rules plan-service applied when it accepted the plan ({@link
   * PlanRules}), with this executor's roots: a snapshot on Kafka may be old, or not plan-service's
   * at all. Throws {@link UnsafeArgumentException} naming every field that breaks one.
   */
  public void check(PlanSnapshot plan) {
    List<PolicyViolation> violations = PlanRules.check(plan, policy, roots::realProblem);
    if (!violations.isEmpty()) {
      throw new UnsafeArgumentException(
          "the plan breaks syncplan's rules: "
              + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
  }

  /** The source of a run. */
  public RcloneLocation source(Endpoint source) {
    return endpoint(SOURCE, "source", source);
  }

  /** The destination of a run, through a crypt remote when the plan encrypts at rest. */
  public RcloneLocation destination(PlanSnapshot plan) {
    RcloneLocation plain = destination(plan.destination());
    return plan.encryption() == null ? plain : encrypted(plain, plan.id(), plan.encryption());
  }

  /** The destination as it is stored, not through the plan's encryption. */
  public RcloneLocation destination(Endpoint destination) {
    return endpoint(DESTINATION, "destination", destination);
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
      String problem = roots.realProblem(path);
      if (problem != null) {
        throw new UnsafeArgumentException(side + ".path " + path + " " + problem);
      }
      return new RcloneLocation(path, Map.of(), Set.of());
    }
    return remote(remote, side, endpoint.storage(), endpoint.path());
  }

  private RcloneLocation remote(String remote, String side, StorageSpec storage, String path) {
    if (!path.isEmpty()) {
      RcloneArguments.value(side + ".path", path);
    }
    RemoteDefinitions definitions =
        new RemoteDefinitions(policy, roots, new OpeningSecrets(), storage);
    String location = definitions.define(remote, side, storage, path);
    return new RcloneLocation(location, definitions.environment(), definitions.secretValues());
  }

  /** Opens a storage's secrets with this executor's key. */
  private final class OpeningSecrets implements RemoteDefinitions.Secrets {

    @Override
    public String open(String what, StorageSpec storage, String option, SealedSecret secret) {
      return RemoteFactory.this.open(what, secret, SecretContext.storage(storage.id(), option));
    }

    @Override
    public boolean obscured(String type, String option) {
      return rclone.isPasswordOption(type, option);
    }

    @Override
    public void reachable(String side, StorageSpec storage) {
      network.check(side, storage);
    }
  }

  private RcloneLocation encrypted(
      RcloneLocation destination, String planId, EncryptionSpec encryption) {
    Map<String, String> environment = new HashMap<>(destination.environment());
    Set<String> secrets = new HashSet<>(destination.secrets());
    environment.put(variable(ENCRYPTED_DESTINATION, "type"), "crypt");
    environment.put(variable(ENCRYPTED_DESTINATION, "remote"), destination.location());
    String password =
        open(
            "encryption password", encryption.password(), SecretContext.encryptionPassword(planId));
    String obscured = RcloneObscure.obscure(password);
    environment.put(variable(ENCRYPTED_DESTINATION, "password"), obscured);
    secrets.add(password);
    secrets.add(obscured);
    if (encryption.salt() != null) {
      String salt =
          open("encryption salt", encryption.salt(), SecretContext.encryptionSalt(planId));
      String obscuredSalt = RcloneObscure.obscure(salt);
      environment.put(variable(ENCRYPTED_DESTINATION, "password2"), obscuredSalt);
      secrets.add(salt);
      secrets.add(obscuredSalt);
    }
    return new RcloneLocation(ENCRYPTED_DESTINATION + ":", environment, secrets);
  }

  private String open(String what, SealedSecret secret, SecretContext context) {
    try {
      String plain = cipher.getObject().open(secret, context);
      return RcloneArguments.line(what, plain);
    } catch (IllegalArgumentException | BeansException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new UnreadableSecretException(what + " cannot be opened: " + cause.getMessage());
    }
  }

  private static String variable(String remote, String option) {
    return RemoteDefinitions.variable(remote, option);
  }
}
