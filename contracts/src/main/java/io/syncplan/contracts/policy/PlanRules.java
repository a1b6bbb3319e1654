package io.syncplan.contracts.policy;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a plan snapshot must keep, the same wherever it is checked: by plan-service before it
 * stores and publishes a plan, and by the executor for every snapshot a command brings, before
 * anything of it reaches rclone (a snapshot on Kafka may be old, or not plan-service's at all).
 * Each violation names the field as the API does.
 */
public final class PlanRules {

  /** Judges local paths by their form only, for a place that does not know the machine's roots. */
  public static final Function<String, String> ANY_ROOT = path -> null;

  private static final Pattern NAME = Pattern.compile(PlanLimits.NAME_PATTERN);
  private static final Pattern TAG = Pattern.compile(PlanLimits.TAG_PATTERN);
  private static final Pattern SIZE = Pattern.compile(PlanLimits.SIZE_PATTERN);

  private PlanRules() {}

  /**
   * Everything wrong with the plan; empty when it may run.
   *
   * @param localRoots why an absolute local path (of an endpoint or a local storage) is not allowed
   *     where the check runs, or null when it is ({@link LocalRoots#problem} in the API, {@link
   *     LocalRoots#realProblem} on the executor, {@link #ANY_ROOT} where roots are unknown)
   */
  public static List<PolicyViolation> check(
      PlanSnapshot plan, StoragePolicy policy, Function<String, String> localRoots) {
    List<PolicyViolation> violations = new ArrayList<>();
    Rules rules = new Rules(violations);
    rules.require("name", NAME.matcher(plan.name()).matches(), PlanLimits.NAME_MESSAGE);
    rules.require(
        "name",
        plan.name().length() <= PlanLimits.NAME_LENGTH,
        "must be at most " + PlanLimits.NAME_LENGTH + " characters");
    if (plan.description() != null) {
      rules.require(
          "description",
          plan.description().length() <= PlanLimits.DESCRIPTION_LENGTH
              && !hasControlChars(plan.description()),
          "must be at most " + PlanLimits.DESCRIPTION_LENGTH + " characters, on one line");
    }
    rules.require("tags", plan.tags().size() <= PlanLimits.TAGS, "at most " + PlanLimits.TAGS);
    for (String tag : plan.tags()) {
      rules.require("tags", tag != null && TAG.matcher(tag).matches(), PlanLimits.TAG_MESSAGE);
    }
    endpoint("source", plan.source(), policy, localRoots, violations);
    endpoint("destination", plan.destination(), policy, localRoots, violations);
    String overlap = overlap(plan);
    rules.require("destination.path", overlap == null, overlap);
    filters(plan.filters(), rules);
    performance(plan.performance(), rules);
    retries(plan.retries(), rules);
    revisions(plan.revisions(), rules);
    rules.require(
        "deletionGuard.minFiles",
        plan.deletionGuard().minFiles() <= PlanLimits.MAX_MIN_FILES,
        "must be at most " + PlanLimits.MAX_MIN_FILES);
    rules.require(
        "deletionGuard.checkAccess",
        !plan.deletionGuard().checkAccess() || plan.mode() == SyncMode.BISYNC,
        "applies to BISYNC plans only");
    if (plan.encryption() != null) {
      rules.require(
          "encryption.password",
          plan.encryption().password() != null,
          "is required to encrypt the destination");
    }
    return violations;
  }

  /** Why the text cannot be handed to rclone as a path (absolute or on a remote), or null. */
  public static String argumentProblem(String path) {
    if (path.length() > PlanLimits.PATH_LENGTH) {
      return "must be at most " + PlanLimits.PATH_LENGTH + " characters";
    }
    if (path.indexOf('\0') >= 0) {
      return "must not contain a NUL character";
    }
    if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      return "must not contain a line break";
    }
    if (path.startsWith("-")) {
      return "must not start with '-'";
    }
    if (hasControlChars(path)) {
      return "must not contain control characters";
    }
    return null;
  }

  /** Why the text is not a local path rclone may be given, or null: see {@link LocalRoots}. */
  public static String localPathProblem(String path) {
    if (path == null || path.isBlank()) {
      return "must not be empty";
    }
    String argument = argumentProblem(path);
    return argument != null ? argument : LocalRoots.formProblem(path);
  }

  private static void endpoint(
      String side,
      Endpoint endpoint,
      StoragePolicy policy,
      Function<String, String> localRoots,
      List<PolicyViolation> violations) {
    String path = endpoint.path();
    if (endpoint.isLocal()) {
      String problem = localPathProblem(path);
      if (problem == null) {
        problem = localRoots.apply(path);
      }
      if (problem != null) {
        violations.add(new PolicyViolation(side + ".path", problem));
      }
      return;
    }
    String problem = path.isEmpty() ? null : argumentProblem(path);
    StorageSpec storage = endpoint.storage();
    if (problem == null && "local".equals(storage.type())) {
      String absolute = path.startsWith("/") ? path : "/" + path;
      problem = LocalRoots.formProblem(absolute);
      problem = problem != null ? problem : localRoots.apply(absolute);
    }
    if (problem != null) {
      violations.add(new PolicyViolation(side + ".path", problem));
    }
    storage(side + ".storage", storage, policy, violations);
    for (StorageSpec inner : storage.references()) {
      storage(side + ".storage[" + inner.name() + "]", inner, policy, violations);
    }
  }

  private static void storage(
      String field, StorageSpec storage, StoragePolicy policy, List<PolicyViolation> violations) {
    for (PolicyViolation violation :
        policy.check(storage.type(), storage.options(), storage.secrets().keySet())) {
      violations.add(violation.under(field));
    }
  }

  /**
   * Why the destination would sync into its source or the other way round, or null: both on the
   * same storage (or both local) and one path at or under the other.
   */
  static String overlap(PlanSnapshot plan) {
    Endpoint source = plan.source();
    Endpoint destination = plan.destination();
    boolean sameStorage =
        source.isLocal() == destination.isLocal()
            && (source.isLocal()
                || Objects.equals(source.storage().id(), destination.storage().id()));
    if (!sameStorage || localPathProblem("/" + source.path()) != null) {
      return null;
    }
    Path a = Path.of("/", source.path()).normalize();
    Path b = Path.of("/", destination.path()).normalize();
    if (a.equals(b)) {
      return "must not be the same place as the source";
    }
    if (b.startsWith(a)) {
      return "must not lie inside the source";
    }
    if (a.startsWith(b)) {
      return "must not contain the source";
    }
    return null;
  }

  private static void filters(FilterSpec filters, Rules rules) {
    filterRules("filters.includePaths", filters.includePaths(), rules);
    filterRules("filters.excludePatterns", filters.excludePatterns(), rules);
  }

  private static void filterRules(String field, List<String> list, Rules rules) {
    rules.require(
        field,
        list.size() <= PlanLimits.FILTER_RULES,
        "must hold at most " + PlanLimits.FILTER_RULES + " rules");
    for (String rule : list) {
      rules.require(
          field,
          rule != null
              && !rule.isBlank()
              && rule.length() <= PlanLimits.FILTER_RULE_LENGTH
              && !hasControlChars(rule),
          "rules must be 1 to " + PlanLimits.FILTER_RULE_LENGTH + " characters, on one line");
    }
  }

  private static void performance(PerformanceSpec performance, Rules rules) {
    rules.require(
        "performance.transfers",
        performance.transfers() >= 1 && performance.transfers() <= PlanLimits.MAX_TRANSFERS,
        "must be 1 to " + PlanLimits.MAX_TRANSFERS);
    rules.require(
        "performance.bufferSize",
        SIZE.matcher(performance.bufferSize()).matches(),
        PlanLimits.SIZE_MESSAGE);
    rules.require(
        "performance.multiThreadStreams",
        performance.multiThreadStreams() >= 0
            && performance.multiThreadStreams() <= PlanLimits.MAX_MULTI_THREAD_STREAMS,
        "must be 0 to " + PlanLimits.MAX_MULTI_THREAD_STREAMS);
    Duration maxDuration = performance.maxDuration();
    rules.require(
        "performance.maxDuration",
        maxDuration == null || maxDuration.toSeconds() >= 1,
        "must be at least one second");
    rules.require(
        "performance.maxTransfer",
        performance.maxTransfer() == null || SIZE.matcher(performance.maxTransfer()).matches(),
        PlanLimits.SIZE_MESSAGE);
    BandwidthLimit.problem(performance.bandwidth())
        .ifPresent(problem -> rules.require("performance.bandwidth", false, problem));
  }

  private static void retries(RetryPolicy retries, Rules rules) {
    rules.require(
        "retries.attempts",
        retries.attempts() <= PlanLimits.MAX_ATTEMPTS,
        "must be at most " + PlanLimits.MAX_ATTEMPTS);
    Duration delay = retries.delay();
    rules.require(
        "retries.delay",
        !delay.isNegative() && delay.toSeconds() <= PlanLimits.MAX_RETRY_DELAY_SECONDS,
        "must be at most 24 hours");
    rules.require(
        "retries.backoffMultiplier",
        retries.backoffMultiplier() <= PlanLimits.MAX_BACKOFF_MULTIPLIER,
        "must be at most " + PlanLimits.MAX_BACKOFF_MULTIPLIER);
  }

  private static void revisions(RevisionPolicy revisions, Rules rules) {
    Integer days = revisions.keepDays();
    Integer count = revisions.keepCount();
    rules.require(
        "revisions.keepDays",
        days == null || (days >= 1 && days <= PlanLimits.MAX_KEEP_DAYS),
        "must be 1 to " + PlanLimits.MAX_KEEP_DAYS);
    rules.require(
        "revisions.keepCount",
        count == null || (count >= 1 && count <= PlanLimits.MAX_KEEP_COUNT),
        "must be 1 to " + PlanLimits.MAX_KEEP_COUNT);
  }

  /** Control characters other than tab. */
  public static boolean hasControlChars(String value) {
    return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t');
  }

  private record Rules(List<PolicyViolation> violations) {
    void require(String field, boolean kept, String message) {
      if (!kept) {
        violations.add(new PolicyViolation(field, message));
      }
    }
  }
}
