package io.syncplan.plan.web;

import io.syncplan.contracts.policy.PlanRules;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafePath}; says which rule a path broke. */
public class SafePathValidator implements ConstraintValidator<SafePath, String> {

  @Override
  public boolean isValid(String path, ConstraintValidatorContext context) {
    if (path == null) {
      return true;
    }
    String problem = problem(path);
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
    return false;
  }

  /** Why the local path is refused, or null when it is fine (the rules executors apply too). */
  public static String problem(String path) {
    return PlanRules.localPathProblem(path);
  }

  /**
   * Why the text cannot be handed to rclone as a path argument (absolute or relative to a remote),
   * or null when it can.
   */
  public static String argumentProblem(String path) {
    return PlanRules.argumentProblem(path);
  }
}
