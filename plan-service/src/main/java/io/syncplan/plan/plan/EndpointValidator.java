package io.syncplan.plan.plan;

import io.syncplan.plan.web.SafePathValidator;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ValidEndpoint}, reporting on {@code path}. */
class EndpointValidator implements ConstraintValidator<ValidEndpoint, EndpointRequest> {

  @Override
  public boolean isValid(EndpointRequest endpoint, ConstraintValidatorContext context) {
    if (endpoint == null) {
      return true;
    }
    String problem;
    if (endpoint.storage() == null) {
      problem =
          endpoint.path() == null
              ? "is required for a local path"
              : SafePathValidator.problem(endpoint.path());
    } else {
      problem = endpoint.path() == null ? null : SafePathValidator.argumentProblem(endpoint.path());
    }
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(problem)
        .addPropertyNode("path")
        .addConstraintViolation();
    return false;
  }
}
