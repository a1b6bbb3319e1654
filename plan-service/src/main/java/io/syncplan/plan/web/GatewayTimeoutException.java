package io.syncplan.plan.web;

import java.util.Map;

/** Something the API asked another service for did not answer in time (504). */
public class GatewayTimeoutException extends RuntimeException {

  private final Map<String, Object> properties;

  public GatewayTimeoutException(String detail, Map<String, Object> properties) {
    super(detail);
    this.properties = Map.copyOf(properties);
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
