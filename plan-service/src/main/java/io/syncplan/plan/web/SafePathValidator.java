package io.syncplan.plan.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafePath}; says which rule a path broke. */
public class SafePathValidator implements ConstraintValidator<SafePath, String> {

  static final int MAX_LENGTH = 4096;

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

  /** Why the path is refused, or null when it is fine. */
  public static String problem(String path) {
    if (path.isBlank()) {
      return "must not be empty";
    }
    String argumentProblem = argumentProblem(path);
    if (argumentProblem != null) {
      return argumentProblem;
    }
    if (!path.startsWith("/")) {
      return "must be an absolute path (start with '/')";
    }
    return null;
  }

  /**
   * Why the text cannot be handed to rclone as a path argument (absolute or relative to a remote),
   * or null when it can.
   */
  public static String argumentProblem(String path) {
    if (path.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (path.indexOf('\0') >= 0) {
      return "must not contain a NUL character";
    }
    if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      return "must not contain a line break";
    }
    if (path.startsWith("-")) {
      return "must not start with '-'";
    }
    if (NoControlCharsValidator.hasControlChars(path)) {
      return "must not contain control characters";
    }
    return null;
  }
}
