package io.syncplan.contracts.policy;

/**
 * A setting a policy refuses.
 *
 * @param field where it is, as the API names it ({@code options[remote]}, {@code source.path})
 * @param message why, for the person who wrote it
 */
public record PolicyViolation(String field, String message) {

  /** The same violation, under an outer field ({@code destination.storage.options[remote]}). */
  public PolicyViolation under(String prefix) {
    return new PolicyViolation(prefix + "." + field, message);
  }

  @Override
  public String toString() {
    return field + " " + message;
  }
}
