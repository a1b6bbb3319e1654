package io.syncplan.plan.storage;

import io.syncplan.contracts.policy.PolicyViolation;
import io.syncplan.contracts.policy.StoragePolicy;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@link ValidStorage} with the storage policy the executors apply again before rclone
 * starts ({@link StoragePolicy}): a backend syncplan accepts, only its known options, credentials
 * only in {@code secrets}, nothing that runs a program or names an rclone remote, and host
 * credentials only where the operator allows them. A wrapper's references to other storages are
 * looked up when the storage is stored.
 */
class StorageValidator implements ConstraintValidator<ValidStorage, StorageRequest> {

  private final StoragePolicy policy;

  StorageValidator(StoragePolicy policy) {
    this.policy = policy;
  }

  @Override
  public boolean isValid(StorageRequest storage, ConstraintValidatorContext context) {
    if (storage == null || storage.type() == null) {
      return true;
    }
    Map<String, String> options = storage.options() == null ? Map.of() : storage.options();
    Set<String> secrets = storage.secrets() == null ? Set.of() : storage.secrets().keySet();
    List<PolicyViolation> violations = policy.check(storage.type(), options, secrets);
    context.disableDefaultConstraintViolation();
    for (PolicyViolation violation : violations) {
      report(context, violation.field(), violation.message());
    }
    boolean valid = violations.isEmpty();
    for (String key : secrets) {
      if (options.containsKey(key)) {
        report(context, "secrets[" + key + "]", "is also given in options");
        valid = false;
      }
    }
    return valid;
  }

  private static void report(ConstraintValidatorContext context, String field, String message) {
    context
        .buildConstraintViolationWithTemplate(escaped(message))
        .addPropertyNode(field)
        .addConstraintViolation();
  }

  /** A message is a template to Bean Validation: braces and '$' in it are literal here. */
  private static String escaped(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }
}
