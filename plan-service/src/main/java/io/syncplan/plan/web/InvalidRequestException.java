package io.syncplan.plan.web;

import java.util.List;

/**
 * A request that is well-formed but refers to something that is not there or contradicts stored
 * state, found after Bean Validation; answered like any invalid request, field by field.
 */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.size() + " problems with the request");
    this.problems = List.copyOf(problems);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
