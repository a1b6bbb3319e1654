package io.syncplan.plan.storage;

import io.syncplan.plan.storage.BackendCatalog.Backend;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Map;

/**
 * Checks {@link ValidStorage}: the type is an rclone backend; each option is one the backend knows
 * and is not a credential (those go in {@code secrets}, which are never shown); nothing makes
 * rclone run a local command.
 */
class StorageValidator implements ConstraintValidator<ValidStorage, StorageRequest> {

  @Override
  public boolean isValid(StorageRequest storage, ConstraintValidatorContext context) {
    if (storage == null || storage.type() == null) {
      return true;
    }
    Backend backend = BackendCatalog.shared().backend(storage.type());
    context.disableDefaultConstraintViolation();
    if (backend == null) {
      report(
          context, "type", "is not an rclone backend; known: " + BackendCatalog.shared().types());
      return false;
    }
    boolean valid = true;
    for (String key : keys(storage.options())) {
      String problem = null;
      if (backend.forbidden().contains(key)) {
        problem = "is not allowed: it makes rclone run a command on the executor";
      } else if (backend.secrets().contains(key)) {
        problem = "is a credential: send it in secrets, which are stored encrypted and never shown";
      } else if (!backend.options().contains(key)) {
        problem = "is not an option of the " + storage.type() + " backend";
      }
      if (problem != null) {
        report(context, "options[" + key + "]", problem);
        valid = false;
      }
    }
    for (String key : keys(storage.secrets())) {
      String problem = null;
      if (backend.forbidden().contains(key)) {
        problem = "is not allowed: it makes rclone run a command on the executor";
      } else if (!backend.knows(key)) {
        problem = "is not an option of the " + storage.type() + " backend";
      } else if (storage.options() != null && storage.options().containsKey(key)) {
        problem = "is also given in options";
      }
      if (problem != null) {
        report(context, "secrets[" + key + "]", problem);
        valid = false;
      }
    }
    return valid;
  }

  private static Iterable<String> keys(Map<String, String> map) {
    return map == null ? java.util.List.of() : map.keySet();
  }

  private static void report(ConstraintValidatorContext context, String field, String message) {
    context
        .buildConstraintViolationWithTemplate(message)
        .addPropertyNode(field)
        .addConstraintViolation();
  }
}
