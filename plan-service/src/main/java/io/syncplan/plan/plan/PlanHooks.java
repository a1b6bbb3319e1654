package io.syncplan.plan.plan;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.plan.config.HookPoolsProperties;
import io.syncplan.plan.web.DurationTextValidator;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * A plan's hooks as its snapshot carries them, each held to what the operator allows: a command the
 * plan's pool offers ({@code syncplan.api.pools.<pool>.hooks}), a timeout up to {@code
 * syncplan.api.hook-max-timeout}, and {@code abortOnError} on BEFORE hooks only.
 */
@Component
class PlanHooks {

  private final HookPoolsProperties pools;

  PlanHooks(HookPoolsProperties pools) {
    this.pools = pools;
  }

  List<HookSpec> build(String pool, List<HookRequest> requests) {
    if (requests == null || requests.isEmpty()) {
      return List.of();
    }
    String poolName = pool == null ? Topics.DEFAULT_POOL : pool;
    Set<String> offered = pools.hooksOf(poolName);
    List<FieldProblem> problems = new ArrayList<>();
    List<HookSpec> hooks = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      HookRequest request = requests.get(i);
      String field = "hooks[" + i + "].";
      HookOn on = HookOn.valueOf(request.on());
      Duration timeout = DurationTextValidator.parse(request.timeout());
      if (!offered.contains(request.command())) {
        problems.add(
            new FieldProblem(
                field + "command",
                "the pool '"
                    + poolName
                    + "' offers no hook command '"
                    + request.command()
                    + "'"
                    + (offered.isEmpty()
                        ? " (it offers none)"
                        : " (it offers " + String.join(", ", new TreeSet<>(offered)) + ")")));
      }
      if (timeout.compareTo(pools.hookMaxTimeout()) > 0) {
        problems.add(
            new FieldProblem(
                field + "timeout",
                "must be at most "
                    + pools.hookMaxTimeout().toSeconds()
                    + " s, the operator's maximum (syncplan.api.hook-max-timeout)"));
      }
      boolean abort = Boolean.TRUE.equals(request.abortOnError());
      if (abort && on != HookOn.BEFORE) {
        problems.add(
            new FieldProblem(
                field + "abortOnError",
                "only a BEFORE hook can abort the run: an AFTER hook runs once it has ended"));
      }
      hooks.add(new HookSpec(on, timeout, abort, request.command()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return hooks;
  }
}
