package io.syncplan.contracts.run;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The rules a restore keeps, the same wherever they are checked: by plan-service before it accepts
 * a restore, and by the executor for every restore a command brings, before anything of it reaches
 * rclone (a command on Kafka is untrusted input). Each violation names the field as the API does.
 */
public final class RestoreRules {

  /** The folder syncplan keeps its history in, at the top of a plan's destination. */
  public static final String HISTORY_FOLDER = ".syncplan";

  static final int MAX_PATH_LENGTH = 4096;

  /** A rule a restore breaks: the request field and what is wrong with it. */
  public record Violation(String field, String message) {

    @Override
    public String toString() {
      return field + " " + message;
    }
  }

  private RestoreRules() {}

  /** A path as restores name it: relative to the destination, no slash at either end. */
  public static String normalize(String path) {
    if (path == null) {
      return "";
    }
    String stripped = path.strip();
    int from = 0;
    int to = stripped.length();
    while (from < to && stripped.charAt(from) == '/') {
      from++;
    }
    while (to > from && stripped.charAt(to - 1) == '/') {
      to--;
    }
    return stripped.substring(from, to);
  }

  /**
   * Why a path relative to the destination cannot be restored, or null. It must stay inside the
   * tree ({@code ..} and {@code .} are refused, not resolved) and outside the history folder, which
   * is restored from by {@code asOf} or {@code revision}, not by name.
   */
  public static String pathProblem(String path) {
    String normalized = normalize(path);
    if (normalized.length() > MAX_PATH_LENGTH) {
      return "must be at most " + MAX_PATH_LENGTH + " characters";
    }
    if (hasControlChars(normalized)) {
      return "must not contain control characters (NUL, line breaks, ...)";
    }
    if (normalized.isEmpty()) {
      return null;
    }
    if (normalized.startsWith("-")) {
      return "must not start with '-'";
    }
    List<String> segments = Arrays.asList(normalized.split("/", -1));
    if (segments.contains("..") || segments.contains(".")) {
      return "must not contain '..' or '.' segments";
    }
    if (segments.contains("")) {
      return "must not contain empty segments ('//')";
    }
    if (segments.get(0).equals(HISTORY_FOLDER)) {
      return "must not name the history folder: restore from it with asOf or revision";
    }
    return null;
  }

  /**
   * Everything wrong with a restore of this plan; empty when it may run.
   *
   * @param localRoots why an absolute local path is not allowed where the check runs, or null when
   *     it is (the machine's local roots; {@code path -> null} where they are unknown)
   */
  public static List<Violation> check(
      RestoreSpec restore, PlanSnapshot plan, Function<String, String> localRoots) {
    List<Violation> violations = new ArrayList<>();
    String pathProblem = pathProblem(restore.path());
    if (pathProblem != null) {
      violations.add(new Violation("path", pathProblem));
    }
    if (restore.revision() != null && revisionProblem(restore.revision()) != null) {
      violations.add(new Violation("revision", revisionProblem(restore.revision())));
    }
    RestoreTarget target = restore.target();
    if (target.place() == RestoreTarget.Place.ELSEWHERE) {
      String problem = targetProblem(target.endpoint(), plan, localRoots);
      if (problem != null) {
        violations.add(new Violation("target.path", problem));
      }
    }
    return violations;
  }

  /** Why a revision name is not one syncplan could have made, or null. */
  public static String revisionProblem(String revision) {
    return revision.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}\\.[0-9]{3}Z")
        ? null
        : "must be a revision's name, such as 2026-11-26T09-15-30.123Z";
  }

  /**
   * Why a place other than the plan's own sides cannot be restored into, or null: its path must be
   * one rclone can be given (absolute when local, inside the machine's local roots), must not be in
   * anybody's history folder, and must not overlap the plan's source or destination, which are
   * restored into by naming them ({@code SOURCE}, {@code DESTINATION}).
   */
  static String targetProblem(
      Endpoint target, PlanSnapshot plan, Function<String, String> localRoots) {
    String path = target.path();
    if (hasControlChars(path) || path.length() > MAX_PATH_LENGTH) {
      return "must be at most " + MAX_PATH_LENGTH + " characters, without control characters";
    }
    if (path.startsWith("-")) {
      return "must not start with '-'";
    }
    List<String> segments = segments(path);
    if (segments.contains("..") || segments.contains(".")) {
      return "must not contain '..' or '.' segments";
    }
    if (segments.contains(HISTORY_FOLDER)) {
      return "must not be inside a history folder (" + HISTORY_FOLDER + ")";
    }
    if (target.isLocal()) {
      if (!path.startsWith("/")) {
        return "must be an absolute path (start with '/')";
      }
      String rootProblem = localRoots.apply(path);
      if (rootProblem != null) {
        return rootProblem;
      }
    }
    if (overlaps(target, plan.destination())) {
      return "overlaps the plan's destination: restore into it with \"target\": \"DESTINATION\"";
    }
    if (overlaps(target, plan.source())) {
      return "overlaps the plan's source: restore into it with \"target\": \"SOURCE\" (admins only)";
    }
    return null;
  }

  /** True when one endpoint is the other or lies inside it, as far as their names tell. */
  static boolean overlaps(Endpoint a, Endpoint b) {
    if (a.isLocal() != b.isLocal()) {
      return false;
    }
    if (a.isLocal()) {
      try {
        Path first = Path.of(a.path()).normalize();
        Path second = Path.of(b.path()).normalize();
        return first.startsWith(second) || second.startsWith(first);
      } catch (InvalidPathException e) {
        return false;
      }
    }
    if (!a.storage().id().equals(b.storage().id())) {
      return false;
    }
    List<String> first = segments(a.path());
    List<String> second = segments(b.path());
    int common = Math.min(first.size(), second.size());
    return first.subList(0, common).equals(second.subList(0, common));
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
  }

  private static boolean hasControlChars(String text) {
    return text.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
  }
}
