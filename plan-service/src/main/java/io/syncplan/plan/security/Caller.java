package io.syncplan.plan.security;

/**
 * Who made a request: {@code key:<name>} for an API key, {@code jwt:<subject>} for a token.
 *
 * @param role the highest role the caller holds
 */
public record Caller(String name, Role role) {

  @Override
  public String toString() {
    return name;
  }
}
