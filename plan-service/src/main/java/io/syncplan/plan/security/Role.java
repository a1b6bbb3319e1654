package io.syncplan.plan.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
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

  /**
   * Spring Security's view of the order above: each role implies the one before it. WebFlux's
   * {@code hasRole} does not consult a hierarchy, so a caller is granted every role its own implies
   * when it authenticates.
   */
  static final RoleHierarchy HIERARCHY = hierarchy();

  private static RoleHierarchy hierarchy() {
    RoleHierarchyImpl.Builder builder = RoleHierarchyImpl.withDefaultRolePrefix();
    for (int i = values().length - 1; i > 0; i--) {
      builder.role(values()[i].name()).implies(values()[i - 1].name());
    }
    return builder.build();
  }

  /** The authorities of this role and every role it includes. */
  public Collection<GrantedAuthority> authorities() {
    return new ArrayList<>(
        HIERARCHY.getReachableGrantedAuthorities(
            List.of(new SimpleGrantedAuthority("ROLE_" + name()))));
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
