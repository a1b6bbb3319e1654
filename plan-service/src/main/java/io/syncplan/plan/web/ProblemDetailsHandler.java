package io.syncplan.plan.web;

import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.run.RunNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the API as RFC 9457 {@code application/problem+json}. An invalid request lists
 * each offending field and why in {@code errors}; nothing internal (no stack trace, no class name)
 * is ever shown.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

  static final URI INVALID_REQUEST = URI.create("https://syncplan.dev/problems/invalid-request");
  static final URI NOT_FOUND = URI.create("https://syncplan.dev/problems/not-found");

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

  @ExceptionHandler({PlanNotFoundException.class, RunNotFoundException.class})
  ProblemDetail notFound(RuntimeException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(NOT_FOUND);
    problem.setTitle("Not found");
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be processed.");
    problem.setTitle("Internal error");
    return problem;
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
    return invalid(List.of(bodyProblem(e)), exchange);
  }

  /** Names the field a body could not be read at, where Jackson says which one it was. */
  private static FieldProblem bodyProblem(ServerWebInputException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnrecognizedPropertyException unknown) {
        return new FieldProblem(path(unknown), "is not a known field");
      }
      if (cause instanceof StreamReadException) {
        return new FieldProblem("", "the body is not valid JSON");
      }
      if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
        return new FieldProblem(path(jackson), "has a value of the wrong type");
      }
    }
    if (e.getReason() != null && e.getReason().contains("body is missing")) {
      return new FieldProblem("", "a JSON body is required");
    }
    return new FieldProblem("", "the body could not be read as JSON of the expected shape");
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
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
        ResponseEntity.badRequest()
            .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem));
  }
}
