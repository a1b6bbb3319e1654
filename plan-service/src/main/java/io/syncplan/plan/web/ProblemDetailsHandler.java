package io.syncplan.plan.web;

import io.syncplan.support.TransientFailures;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every error of the API as RFC 9457 {@code application/problem+json}. An invalid request lists
 * each offending field and why in {@code errors}; nothing internal (no stack trace, no class name)
 * is ever shown.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

  static final String TYPES = "https://syncplan.dev/problems/";
  static final URI INVALID_REQUEST = URI.create(TYPES + "invalid-request");

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage(), e.properties());
  }

  @ExceptionHandler(PreconditionFailedException.class)
  ResponseEntity<ProblemDetail> stale(PreconditionFailedException e) {
    return problem(
        HttpStatus.PRECONDITION_FAILED, "stale-version", "Changed by someone else", e.getMessage());
  }

  @ExceptionHandler(GatewayTimeoutException.class)
  ResponseEntity<ProblemDetail> timeout(GatewayTimeoutException e) {
    return problem(
        HttpStatus.GATEWAY_TIMEOUT,
        "no-answer",
        "No answer in time",
        e.getMessage(),
        e.properties());
  }

  @ExceptionHandler(InvalidRequestException.class)
  Mono<ResponseEntity<Object>> invalidRequest(
      InvalidRequestException e, ServerWebExchange exchange) {
    return invalid(e.problems(), exchange);
  }

  /** Constraints checked outside the web layer's own method validation. */
  @ExceptionHandler(ConstraintViolationException.class)
  Mono<ResponseEntity<Object>> constraintViolations(
      ConstraintViolationException e, ServerWebExchange exchange) {
    return invalid(JsonProblems.of(e.getConstraintViolations()), exchange);
  }

  @ExceptionHandler(DataBufferLimitException.class)
  ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e) {
    return problem(
        HttpStatus.CONTENT_TOO_LARGE,
        "too-large",
        "Request too large",
        "The body is larger than this API accepts.");
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
    return unavailable(e.type(), e.title(), e.getMessage(), e.retryAfter());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (TransientFailures.isTransient(e)) {
      log.warn("Store unavailable: {}", e.toString());
      return unavailable(
          "unavailable",
          "Temporarily unavailable",
          "The service's store does not answer right now; nothing was changed. Try again shortly.",
          STORE_RETRY_AFTER);
    }
    log.error("Unexpected error", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "The request could not be processed.");
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
      WebExchangeBindException e,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : e.getFieldErrors()) {
      problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    e.getGlobalErrors()
        .forEach(error -> problems.add(new FieldProblem("", error.getDefaultMessage())));
    return invalid(problems, exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldProblem> problems = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        error ->
                            problems.add(
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage()))));
    return invalid(problems, exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException e,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataBufferLimitException limit) {
        return Mono.just(
            ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(tooLarge(limit).getBody()));
      }
    }
    FieldProblem problem = JsonProblems.of(e);
    if (problem == null) {
      problem = inputProblem(e);
    }
    return invalid(List.of(problem), exchange);
  }

  private static FieldProblem inputProblem(ServerWebInputException e) {
    if (e.getReason() != null && e.getReason().contains("body is missing")) {
      return new FieldProblem("", "a JSON body is required");
    }
    String name = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
    if (name != null && !"request".equals(name) && !"body".equals(name)) {
      return new FieldProblem(name, "is missing or has a value of the wrong type");
    }
    return new FieldProblem("", "the body could not be read as JSON of the expected shape");
  }

  /** A store outage rarely outlasts a few seconds (a restart, a replica set election). */
  static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

  static ResponseEntity<ProblemDetail> unavailable(
      String type, String title, String detail, Duration retryAfter) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail) {
    return problem(status, type, title, detail, Map.of());
  }

  /**
   * A problem with extra members ({@code properties}), for example the plans that use a storage.
   */
  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
    ProblemDetail problem = detail(status, type, title, detail);
    properties.forEach(problem::setProperty);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ProblemDetail detail(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }

  private Mono<ResponseEntity<Object>> invalid(
      List<FieldProblem> problems, ServerWebExchange exchange) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            problems.size() == 1
                ? "1 problem with the request."
                : problems.size() + " problems with the request.");
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    problem.setProperty("errors", problems);
    return Mono.just(
        ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
  }
}
