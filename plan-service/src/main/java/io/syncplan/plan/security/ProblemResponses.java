package io.syncplan.plan.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401, 403, 429 and requests the firewall refuses as RFC 9457 problems, written by the same JSON
 * codec as every other error of the API: these are answered by security filters, before any
 * controller or its advice could.
 */
@Component
class ProblemResponses {

  private static final String TYPES = "https://syncplan.dev/problems/";
  private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

  private final HttpMessageWriter<ProblemDetail> writer;

  @SuppressWarnings("unchecked")
  ProblemResponses(ServerCodecConfigurer codecs) {
    this.writer =
        (HttpMessageWriter<ProblemDetail>)
            codecs.getWriters().stream()
                .filter(writer -> writer.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JSON writer for problems"));
  }

  ServerAuthenticationEntryPoint unauthorized() {
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

  ServerAccessDeniedHandler forbidden() {
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
  ServerExchangeRejectedHandler rejected() {
    return (exchange, e) ->
        write(
            exchange,
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            "The request line is not allowed: it holds characters such as an encoded '/' or NUL.");
  }

  Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    problem.setInstance(instance(exchange.getRequest().getPath().value()));
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    return writer.write(
        Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
  }

  /** The request's path as a URI, quoting what a URI may not hold as it is. */
  private static URI instance(String path) {
    try {
      return new URI(path);
    } catch (URISyntaxException e) {
      try {
        return new URI(null, null, path, null);
      } catch (URISyntaxException unquotable) {
        return null;
      }
    }
  }
}
