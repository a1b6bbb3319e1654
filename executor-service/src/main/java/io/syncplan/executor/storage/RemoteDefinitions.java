package io.syncplan.executor.storage;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.policy.BackendOptions;
import io.syncplan.contracts.policy.LocalRoots;
import io.syncplan.contracts.policy.OptionKind;
import io.syncplan.contracts.policy.PolicyViolation;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.contracts.policy.StorageReferences;
import io.syncplan.contracts.policy.StorageReferences.Reference;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.executor.rclone.RcloneArguments;
import io.syncplan.executor.rclone.RcloneObscure;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Defines a storage, and every storage it builds on, as rclone remotes made only of environment
 * variables. Each storage is checked against the storage policy and the network policy first. A
 * wrapper's reference to another storage is resolved here, by id or name among the storages its
 * snapshot carries, to a remote defined here ({@code DST_1}, {@code DST_2} ...): no text from a
 * plan ever reaches rclone as a remote. A reference that leads back to a storage being defined is
 * refused.
 */
final class RemoteDefinitions {

  /** Opens one sealed secret of a storage, or throws {@link UnreadableSecretException}. */
  interface Secrets {
    String open(String what, StorageSpec storage, String option, SealedSecret secret);

    /** True when rclone takes the backend's option obscured. */
    boolean obscured(String type, String option);

    /** Throws {@link UnsafeArgumentException} when the network policy refuses a server of it. */
    void reachable(String side, StorageSpec storage);
  }

  private static final int MAX_DEPTH = 8;
  private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final StoragePolicy policy;
  private final LocalRoots roots;
  private final Secrets secrets;
  private final List<StorageSpec> referable;
  private final Map<String, String> environment = new HashMap<>();
  private final Set<String> secretValues = new HashSet<>();
  private final Deque<String> defining = new ArrayDeque<>();
  private int nextRemote = 1;

  RemoteDefinitions(
      StoragePolicy policy, LocalRoots roots, Secrets secrets, StorageSpec outermost) {
    this.policy = policy;
    this.roots = roots;
    this.secrets = secrets;
    this.referable = new ArrayList<>(outermost.references());
    this.referable.add(outermost);
  }

  Map<String, String> environment() {
    return environment;
  }

  Set<String> secretValues() {
    return secretValues;
  }

  /** Defines the storage as the remote, and returns its location for the path. */
  String define(String remote, String side, StorageSpec storage, String path) {
    String what = side + " storage '" + storage.name() + "'";
    if (defining.contains(storage.id())) {
      List<String> chain = new ArrayList<>(defining);
      Collections.reverse(chain);
      chain.add(storage.id());
      throw new UnsafeArgumentException(what + " builds on itself: " + String.join(" -> ", chain));
    }
    if (defining.size() >= MAX_DEPTH) {
      throw new UnsafeArgumentException(what + " builds on more than " + MAX_DEPTH + " storages");
    }
    List<PolicyViolation> violations =
        policy.check(storage.type(), storage.options(), storage.secrets().keySet());
    if (!violations.isEmpty()) {
      throw new UnsafeArgumentException(
          what
              + ": "
              + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    secrets.reachable(side, storage);
    defining.push(storage.id());
    try {
      BackendOptions backend = policy.backend(storage.type());
      environment.put(variable(remote, "type"), storage.type());
      storage
          .options()
          .forEach(
              (option, value) ->
                  environment.put(
                      variable(remote, option(side, option)),
                      backend.wraps(option)
                          ? wrapped(remote, side, storage, option, value)
                          : value.isEmpty()
                              ? value
                              : RcloneArguments.value(side + " option " + option, value)));
      storage
          .secrets()
          .forEach(
              (option, secret) -> {
                String plain = secrets.open(side + " secret " + option, storage, option, secret);
                String handed =
                    secrets.obscured(storage.type(), option) ? RcloneObscure.obscure(plain) : plain;
                environment.put(variable(remote, option(side, option)), handed);
                secretValues.add(plain);
                secretValues.add(handed);
              });
      return remote + ":" + location(what, storage, path);
    } finally {
      defining.pop();
    }
  }

  /** The path on the storage; for a local storage an absolute path inside the local roots. */
  private String location(String what, StorageSpec storage, String path) {
    if (!"local".equals(storage.type())) {
      return path;
    }
    String absolute = path.startsWith("/") ? path : "/" + path;
    String problem = roots.realProblem(absolute);
    if (problem != null) {
      throw new UnsafeArgumentException(what + " path " + absolute + " " + problem);
    }
    return absolute;
  }

  private String wrapped(
      String remote, String side, StorageSpec storage, String option, String value) {
    OptionKind kind = policy.backend(storage.type()).options().get(option);
    List<Reference> references = StorageReferences.parse(storage.type(), kind, value);
    return StorageReferences.render(
        kind,
        references,
        reference -> {
          StorageSpec inner = find(side, storage, reference);
          return define(remote + "_" + nextRemote++, side, inner, reference.path());
        });
  }

  private StorageSpec find(String side, StorageSpec wrapper, Reference reference) {
    String wanted = reference.storage();
    return referable.stream()
        .filter(spec -> spec.id().equals(wanted))
        .findFirst()
        .or(
            () ->
                referable.stream()
                    .filter(
                        spec ->
                            spec.name() != null
                                && spec.name()
                                    .strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(wanted.toLowerCase(Locale.ROOT)))
                    .findFirst())
        .orElseThrow(
            () ->
                new UnsafeArgumentException(
                    side
                        + " storage '"
                        + wrapper.name()
                        + "' builds on storage '"
                        + wanted
                        + "', which its plan does not carry"));
  }

  private static String option(String side, String option) {
    if (!OPTION.matcher(option).matches()) {
      throw new UnsafeArgumentException(
          side + " option names are lower-case letters, digits and '_': " + option);
    }
    return option;
  }

  static String variable(String remote, String option) {
    return "RCLONE_CONFIG_" + remote + "_" + option.toUpperCase(Locale.ROOT);
  }
}
