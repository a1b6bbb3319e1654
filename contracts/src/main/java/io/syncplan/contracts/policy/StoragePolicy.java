package io.syncplan.contracts.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which storage settings may reach rclone: one policy, applied by plan-service when a storage is
 * written and again by the executor before rclone starts. A backend accepts only the options of
 * {@link OptionCatalogue}; options that run a program are refused always; options that use the
 * executor machine's own credentials, files or links only when the operator enabled them by name;
 * values are checked by kind, and none may name an rclone remote except through a wrapper's
 * reference to another syncplan storage.
 */
public final class StoragePolicy {

  /** The most that may be said about one option value. */
  public static final int MAX_VALUE_LENGTH = 4096;

  /** No option that uses the executor's own credentials or files. */
  public static final StoragePolicy STRICT = new StoragePolicy(Set.of());

  private final OptionCatalogue catalogue = OptionCatalogue.shared();
  private final Set<String> hostOptions;

  /**
   * @param hostOptions the options of {@link BackendOptions#host()} the operator allows, by name
   *     (for example {@code env_auth} on executors whose machine has a cloud role)
   */
  public StoragePolicy(Collection<String> hostOptions) {
    this.hostOptions = hostOptions == null ? Set.of() : Set.copyOf(hostOptions);
  }

  public Set<String> hostOptions() {
    return hostOptions;
  }

  /** The backend's options, or null when syncplan does not accept the backend. */
  public BackendOptions backend(String type) {
    return catalogue.backend(type);
  }

  /** True when rclone takes the backend's option obscured ({@code rclone obscure}). */
  public boolean obscured(String type, String option) {
    BackendOptions backend = catalogue.backend(type);
    return backend != null && backend.obscured().contains(option);
  }

  /**
   * Everything wrong with a storage, each under the field the API names it by ({@code type}, {@code
   * options[x]}, {@code secrets[x]}); empty when it may be used.
   */
  public List<PolicyViolation> check(
      String type, Map<String, String> options, Collection<String> secretNames) {
    List<PolicyViolation> violations = new ArrayList<>();
    BackendOptions backend = catalogue.backend(type);
    if (backend == null) {
      violations.add(
          new PolicyViolation(
              "type", "is not an rclone backend syncplan accepts; known: " + catalogue.types()));
      return violations;
    }
    if (options != null) {
      options.forEach(
          (option, value) -> {
            String problem = optionProblem(type, backend, option, value);
            if (problem != null) {
              violations.add(new PolicyViolation("options[" + option + "]", problem));
            }
          });
    }
    if (secretNames != null) {
      for (String option : new TreeSet<>(secretNames)) {
        String problem = secretProblem(type, backend, option);
        if (problem != null) {
          violations.add(new PolicyViolation("secrets[" + option + "]", problem));
        }
      }
    }
    return violations;
  }

  private String optionProblem(String type, BackendOptions backend, String option, String value) {
    String refused = refused(type, backend, option);
    if (refused != null) {
      return refused;
    }
    if (backend.secrets().containsKey(option)) {
      return "is a credential: send it in secrets, which are stored encrypted and never shown";
    }
    OptionKind kind = backend.plainKind(option);
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return "must be at most " + MAX_VALUE_LENGTH + " characters";
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters or line breaks";
    }
    if (value.startsWith("-")) {
      return "must not start with '-'";
    }
    if (kind == OptionKind.REMOTE || kind == OptionKind.UPSTREAMS) {
      try {
        StorageReferences.parse(type, kind, value);
        return null;
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return value.isEmpty() ? null : kind.problem(value);
  }

  private String secretProblem(String type, BackendOptions backend, String option) {
    String refused = refused(type, backend, option);
    if (refused != null) {
      return refused;
    }
    if (backend.wraps(option)) {
      return "names other storages: send it in options";
    }
    return null;
  }

  /** Why the option may not be used at all, or null. */
  private String refused(String type, BackendOptions backend, String option) {
    if (backend.commands().containsKey(option)) {
      return "is not allowed: it makes rclone run a program (rclone "
          + String.join(", ", backend.commands().get(option))
          + ")";
    }
    if (backend.host().containsKey(option) && !hostOptions.contains(option)) {
      return "uses the executor machine's own credentials, files or links; refused unless the"
          + " operator allows it (syncplan.storages.host-options)";
    }
    if (backend.plainKind(option) == null && !backend.secrets().containsKey(option)) {
      return "is not an option syncplan accepts for the " + type + " backend";
    }
    return null;
  }
}
