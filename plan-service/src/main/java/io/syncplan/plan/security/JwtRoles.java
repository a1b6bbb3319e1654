package io.syncplan.plan.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Reads the caller's role from a JWT claim (a string or a list of viewer, operator, admin); the
 * highest named role applies. A token naming no known role may authenticate but do nothing.
 */
class JwtRoles implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

  private final String claim;

  JwtRoles(String claim) {
    this.claim = claim;
  }

  @Override
  public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
    Role highest = null;
    for (String value : values(jwt.getClaim(claim))) {
      Role role = Role.parse(value);
      if (role != null && (highest == null || role.compareTo(highest) > 0)) {
        highest = role;
      }
    }
    Caller caller = new Caller("jwt:" + jwt.getSubject(), highest, "jwt:" + jwt.getSubject());
    return Mono.just(
        UsernamePasswordAuthenticationToken.authenticated(
            caller, null, highest == null ? List.of() : highest.authorities()));
  }

  private static Collection<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof String text) {
      for (String part : text.split("[ ,]")) {
        values.add(part);
      }
    } else if (claim instanceof Collection<?> collection) {
      collection.forEach(item -> values.add(String.valueOf(item)));
    }
    return values;
  }
}
