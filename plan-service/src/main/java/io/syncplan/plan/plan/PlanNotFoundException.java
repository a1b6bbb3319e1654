package io.syncplan.plan.plan;

/** No plan has this id (or it was deleted). */
public class PlanNotFoundException extends RuntimeException {

  public PlanNotFoundException(String planId) {
    super("No plan with id " + planId);
  }
}
