package io.syncplan.executor.storage;

/**
 * A sealed secret of a plan that this executor cannot open, usually because it was given another
 * {@code syncplan.secrets.key} than plan-service. Retrying does not help.
 */
public class UnreadableSecretException extends IllegalArgumentException {

  public UnreadableSecretException(String message) {
    super(message);
  }
}
