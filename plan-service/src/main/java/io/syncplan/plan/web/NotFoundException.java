package io.syncplan.plan.web;

/** No resource of this kind has this id (404). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what, String id) {
    super("No " + what + " with id " + id);
  }

  protected NotFoundException(String message) {
    super(message);
  }
}
