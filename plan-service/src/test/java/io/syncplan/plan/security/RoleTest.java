package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class RoleTest {

  @Test
  void eachRoleIsGrantedTheRolesItIncludesAndNoHigherOne() {
    assertThat(Role.ADMIN.authorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
    assertThat(Role.OPERATOR.authorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
    assertThat(Role.VIEWER.authorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_VIEWER");
  }
}
