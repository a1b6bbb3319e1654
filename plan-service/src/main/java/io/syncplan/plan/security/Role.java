package io.syncplan.plan.security;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do. Each role includes the ones before it: a viewer reads; an operator also
 * runs, pauses, resumes and cancels; an admin also changes plans, storages and API keys.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The authorities of this role and every role it includes. */
  public List<GrantedAuthority> authorities() {
    return java.util.Arrays.stream(values())
        .filter(role -> role.ordinal() <= ordinal())
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
        .toList();
  }

  /** The role a text names (any case), or null. */
  public static Role parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
