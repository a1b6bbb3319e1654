package io.syncplan.plan.security;

/**
 * Who made a request: {@code key:<name>} for an API key, {@code jwt:<subject>} for a token.
 *
 * @param role the highest role the caller holds
 * @param limitKey what the caller's request rate and live streams are counted by: the API key's id
 *     (two keys may share a name), or the token's subject
 */
public record Caller(String name, Role role, String limitKey) {

  @Override
  public String toString() {
    return name;
  }
}
