package io.syncplan.plan.web;

/**
 * The caller's role allows the endpoint but not what this request asks of it (403), such as a
 * restore into a plan's source by an operator.
 */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
