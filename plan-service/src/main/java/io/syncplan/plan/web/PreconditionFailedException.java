package io.syncplan.plan.web;

/** The client's If-Match names a version that is no longer current (412). */
public class PreconditionFailedException extends RuntimeException {

  private final String currentETag;

  public PreconditionFailedException(String what, String currentETag) {
    super(
        what
            + " was changed since you read it: it is now at "
            + currentETag
            + "; read it again and reapply your change");
    this.currentETag = currentETag;
  }

  public String currentETag() {
    return currentETag;
  }
}
