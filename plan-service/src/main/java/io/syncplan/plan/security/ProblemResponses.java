package io.syncplan.plan.security;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401, 403 and 503 as RFC 9457 problems, like every other error of the API. */
final class ProblemResponses {

  private ProblemResponses() {}

  static ServerAuthenticationEntryPoint unauthorized() {
    return (exchange, e) -> {
      exchange
          .getResponse()
          .getHeaders()
          .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"syncplan\"");
      return write(
          exchange,
          HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "Authentication required",
          exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
              ? "The bearer token is not a valid API key or token."
              : "Send an API key or token as 'Authorization: Bearer <key>'.");
    };
  }

  /** 401 for a bad token; 503 with {@code Retry-After} when the key store does not answer. */
  static ServerAuthenticationFailureHandler authenticationFailed() {
    ServerAuthenticationEntryPointFailureHandler unauthorized =
        new ServerAuthenticationEntryPointFailureHandler(unauthorized());
    return (exchange, e) -> {
      if (e instanceof AuthenticationServiceException) {
        exchange.getExchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return write(
            exchange.getExchange(),
            HttpStatus.SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            "The service's store does not answer right now, so the key cannot be checked. Try"
                + " again shortly.");
      }
      return unauthorized.onAuthenticationFailure(exchange, e);
    };
  }

  static ServerAccessDeniedHandler forbidden() {
    return (exchange, e) ->
        write(
            exchange,
            HttpStatus.FORBIDDEN,
            "forbidden",
            "Not allowed",
            "Your role does not allow this: viewers read; operators also run, pause, resume and"
                + " cancel; admins also change plans, storages and keys.");
  }

  /** A request the firewall refuses (an encoded slash or NUL in the path, say). */
  static ServerExchangeRejectedHandler rejected() {
    return (exchange, e) ->
        write(
            exchange,
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            "The request line is not allowed: it holds characters such as an encoded '/' or NUL.");
  }

  private static Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String body =
        "{\"type\":\"https://syncplan.dev/problems/%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"instance\":%s}"
            .formatted(
                type, title, status.value(), detail, json(exchange.getRequest().getPath().value()));
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
  }

  /** A JSON string literal of the text. */
  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
