package io.syncplan.plan.plan;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.policy.LocalRoots;
import io.syncplan.contracts.policy.PlanRules;
import io.syncplan.contracts.policy.PolicyViolation;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.plan.config.LocalRootsProperties;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Holds every plan to the rules executors apply again when they run it ({@link PlanRules}), so that
 * what the API accepts is what an executor runs. Local paths of plans in the default pool are held
 * to that pool's roots when they are configured here.
 */
@Component
public class PlanChecks {

  private final StoragePolicy policy;
  private final LocalRoots defaultPoolRoots;

  PlanChecks(StoragePolicy policy, LocalRootsProperties roots) {
    this.policy = policy;
    this.defaultPoolRoots = new LocalRoots(roots.localRoots(), LocalRootsProperties.SETTING);
  }

  /** The plan, or an {@link InvalidRequestException} naming every field that breaks a rule. */
  PlanSnapshot check(PlanSnapshot plan) {
    List<PolicyViolation> violations = PlanRules.check(plan, policy, roots(plan.pool()));
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(
          violations.stream().map(v -> new FieldProblem(v.field(), v.message())).toList());
    }
    return plan;
  }

  /**
   * Why a local path is not allowed for the executors of this pool, or null: their roots where this
   * service knows them (the default pool's), any absolute path otherwise.
   */
  public Function<String, String> roots(String pool) {
    return Topics.DEFAULT_POOL.equals(pool) && !defaultPoolRoots.isEmpty()
        ? defaultPoolRoots::problem
        : PlanRules.ANY_ROOT;
  }
}
