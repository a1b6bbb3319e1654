package io.syncplan.plan.plan;

import io.syncplan.plan.web.SafePathValidator;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Objects;

/**
 * Checks {@link ValidPlan}. A destination inside its source (or the other way round) would sync
 * into itself and, for a mirror, delete what it just wrote.
 */
class PlanValidator implements ConstraintValidator<ValidPlan, PlanRequest> {

  @Override
  public boolean isValid(PlanRequest plan, ConstraintValidatorContext context) {
    if (plan == null || plan.source() == null || plan.destination() == null) {
      return true;
    }
    EndpointRequest source = plan.source();
    EndpointRequest destination = plan.destination();
    if (!Objects.equals(source.storage(), destination.storage())
        || source.path() == null
        || destination.path() == null) {
      return true;
    }
    if (source.storage() == null
        && (SafePathValidator.problem(source.path()) != null
            || SafePathValidator.problem(destination.path()) != null)) {
      return true; // reported on the paths themselves
    }
    String a = normalise(source.path());
    String b = normalise(destination.path());
    String problem = null;
    if (a.equals(b)) {
      problem = "must not be the same place as the source";
    } else if (inside(b, a)) {
      problem = "must not lie inside the source";
    } else if (inside(a, b)) {
      problem = "must not contain the source";
    }
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(problem)
        .addPropertyNode("destination")
        .addPropertyNode("path")
        .addConstraintViolation();
    return false;
  }

  private static String normalise(String path) {
    String trimmed = path.strip();
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static boolean inside(String inner, String outer) {
    if (outer.isEmpty() || outer.equals("/")) {
      return !inner.isEmpty();
    }
    return inner.startsWith(outer + "/");
  }
}
