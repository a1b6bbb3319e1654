package io.syncplan.plan.plan;

import io.syncplan.plan.web.InvalidRequestException;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * The orders a plan list can come in: {@code name} (the default), {@code lastRun} (when the last
 * run finished), {@code nextRun}, {@code state}; each ascending, or descending with {@code ,desc}
 * ({@code sort=lastRun,desc}). Plans without a value come last either way; ties go by name.
 */
record PlanSort(Comparator<PlanSummary> order, boolean byName, boolean descending) {

  static final PlanSort BY_NAME = new PlanSort(null, true, false);

  private static final Comparator<PlanSummary> NAME =
      Comparator.comparing((PlanSummary plan) -> plan.name().toLowerCase(Locale.ROOT))
          .thenComparing(PlanSummary::id);

  /** The sort a {@code sort} parameter names; {@link InvalidRequestException} when none. */
  static PlanSort parse(String text) {
    if (text == null || text.isBlank()) {
      return BY_NAME;
    }
    String[] parts = text.strip().split(",", -1);
    boolean descending = false;
    if (parts.length == 2 && parts[1].equalsIgnoreCase("desc")) {
      descending = true;
    } else if (parts.length > 2 || (parts.length == 2 && !parts[1].equalsIgnoreCase("asc"))) {
      throw invalid(text);
    }
    return switch (parts[0]) {
      case "name" -> descending ? new PlanSort(NAME.reversed(), false, true) : BY_NAME;
      case "lastRun" ->
          by(plan -> plan.lastRun() == null ? null : plan.lastRun().finishedAt(), descending);
      case "nextRun" -> by(PlanSummary::nextRunAt, descending);
      case "state" -> by(PlanSummary::state, descending);
      default -> throw invalid(text);
    };
  }

  private static <T extends Comparable<T>> PlanSort by(
      Function<PlanSummary, T> key, boolean descending) {
    Comparator<T> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return new PlanSort(
        Comparator.comparing(key, Comparator.nullsLast(values)).thenComparing(NAME),
        false,
        descending);
  }

  private static InvalidRequestException invalid(String text) {
    return new InvalidRequestException(
        "sort",
        "must be one of name, lastRun, nextRun, state, optionally followed by ,asc or ,desc");
  }
}
