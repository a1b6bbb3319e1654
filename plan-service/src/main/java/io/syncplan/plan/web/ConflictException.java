package io.syncplan.plan.web;

import java.util.Map;

/** The request cannot be carried out in the resource's current state (409). */
public class ConflictException extends RuntimeException {

  private final Map<String, Object> properties;

  public ConflictException(String detail) {
    this(detail, Map.of());
  }

  /**
   * @param properties extra members of the problem, for example the plans that use a storage
   */
  public ConflictException(String detail, Map<String, Object> properties) {
    super(detail);
    this.properties = Map.copyOf(properties);
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
