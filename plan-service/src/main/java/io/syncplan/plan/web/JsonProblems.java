package io.syncplan.plan.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Field problems from what Jackson and Bean Validation report, with field paths as clients see
 * them.
 */
public final class JsonProblems {

  private JsonProblems() {}

  /** Names the field a body could not be read at, where Jackson says which one it was. */
  public static FieldProblem of(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
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
    return null;
  }

  public static List<FieldProblem> of(Set<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(v -> new FieldProblem(path(v.getPropertyPath()), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
        .toList();
  }

  private static String path(Path path) {
    StringBuilder text = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getIndex() != null) {
        text.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null
          && node.getName() != null
          && node.getName().startsWith("<")) {
        text.append('[').append(node.getKey()).append(']');
      }
      String name = node.getName();
      if (name == null || name.startsWith("<")) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append('.');
      }
      text.append(name);
    }
    return text.toString();
  }

  static String path(JacksonException e) {
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
}
