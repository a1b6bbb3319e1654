package io.syncplan.plan.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.VerifySpec;
import io.syncplan.plan.plan.PlanChecks;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.plan.plan.PlanDocument.InitState;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.revision.RevisionIndex;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.ForbiddenException;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.plan.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Asks for RESTORE and VERIFY runs, after every check a bad request can fail here rather than on an
 * executor: the plan initialised, the restore's path, instant, revision and target ({@link
 * RestoreRules}, the rules executors apply again), and the admin role for a restore into the
 * source. A refused request changes nothing.
 */
@Service
class HistoryRunService {

  private final PlanService plans;
  private final RunService runs;
  private final RestoreTargets targets;
  private final PlanChecks checks;
  private final RevisionIndex revisions;
  private final Clock clock;

  HistoryRunService(
      PlanService plans,
      RunService runs,
      RestoreTargets targets,
      PlanChecks checks,
      RevisionIndex revisions,
      Clock clock) {
    this.plans = plans;
    this.runs = runs;
    this.targets = targets;
    this.checks = checks;
    this.revisions = revisions;
    this.clock = clock;
  }

  Mono<RunDocument> restore(String planId, RestoreRequest request) {
    return initialisedPlan(planId)
        .flatMap(
            document -> {
              Instant now = clock.instant();
              List<FieldProblem> problems = requestProblems(request, document, now);
              if (!problems.isEmpty()) {
                return Mono.error(new InvalidRequestException(problems));
              }
              PlanSnapshot plan = document.plan();
              return targets
                  .read(request.target(), plan.pool())
                  .flatMap(target -> restore(document, request, target, now));
            });
  }

  private Mono<RunDocument> restore(
      PlanDocument document, RestoreRequest request, RestoreTarget target, Instant now) {
    PlanSnapshot plan = document.plan();
    RestoreSpec spec =
        new RestoreSpec(
            RestoreRules.normalize(request.path()),
            request.asOf(),
            request.revision(),
            target,
            Boolean.TRUE.equals(request.overwrite()),
            Boolean.TRUE.equals(request.overwriteNewer()));
    List<FieldProblem> problems =
        RestoreRules.check(spec, plan, checks.roots(plan.pool())).stream()
            .map(violation -> new FieldProblem(violation.field(), violation.message()))
            .toList();
    if (!problems.isEmpty()) {
      return Mono.error(new InvalidRequestException(problems));
    }
    Mono<Void> allowed =
        target.place() == RestoreTarget.Place.SOURCE ? requireAdmin() : Mono.empty();
    Mono<Void> revisionKnown =
        spec.revision() == null
            ? Mono.empty()
            : revisions
                .exists(plan.id(), spec.revision())
                .flatMap(
                    exists ->
                        exists
                            ? Mono.<Void>empty()
                            : Mono.error(new NotFoundException("revision", spec.revision())));
    RunRequested command =
        new RunRequested(
            UUID.randomUUID().toString(),
            RunTrigger.MANUAL,
            now,
            request.priorityOrDefault(),
            Boolean.TRUE.equals(request.dryRun()),
            plan,
            RunKind.RESTORE,
            spec,
            null);
    return allowed.then(revisionKnown).then(Mono.defer(() -> runs.request(document, command)));
  }

  Mono<RunDocument> verify(String planId, VerifyRequest request) {
    return initialisedPlan(planId)
        .flatMap(
            document -> {
              VerifyMethod method =
                  request.method() == null
                      ? document.plan().verify().method()
                      : VerifyMethod.valueOf(request.method());
              return runs.request(
                  document,
                  new RunRequested(
                      UUID.randomUUID().toString(),
                      RunTrigger.MANUAL,
                      clock.instant(),
                      request.priorityOrDefault(),
                      false,
                      document.plan(),
                      RunKind.VERIFY,
                      null,
                      new VerifySpec(method)));
            });
  }

  private static List<FieldProblem> requestProblems(
      RestoreRequest request, PlanDocument document, Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.asOf() != null && request.revision() != null) {
      problems.add(new FieldProblem("revision", "give asOf or revision, not both"));
    }
    if (request.asOf() != null && request.asOf().isAfter(now)) {
      problems.add(new FieldProblem("asOf", "must not be in the future (now is " + now + ")"));
    }
    if (request.asOf() != null
        && document.createdAt() != null
        && request.asOf().isBefore(document.createdAt())) {
      problems.add(
          new FieldProblem(
              "asOf", "must not be before the plan was created (" + document.createdAt() + ")"));
    }
    if (request.revision() != null && RestoreRules.revisionProblem(request.revision()) != null) {
      problems.add(new FieldProblem("revision", RestoreRules.revisionProblem(request.revision())));
    }
    String pathProblem = RestoreRules.pathProblem(request.path());
    if (pathProblem != null) {
      problems.add(new FieldProblem("path", pathProblem));
    }
    return problems;
  }

  /** The plan, refused when its initialisation failed: it has no destination to use. */
  private Mono<PlanDocument> initialisedPlan(String planId) {
    return plans.get(planId).doOnNext(HistoryRunService::requireInitialised);
  }

  /** A plan whose initialisation failed has no destination to restore from or verify. */
  private static void requireInitialised(PlanDocument document) {
    if (document.init() != null && document.init().state() == InitState.INIT_FAILED) {
      throw new InvalidRequestException(
          "planId",
          "the plan's initialisation failed"
              + (document.init().reason() == null ? "" : " (" + document.init().reason() + ")")
              + ": fix the plan (PUT) before restoring or verifying");
    }
  }

  /** Restoring into a plan's source may overwrite what users work on: admins only. */
  private static Mono<Void> requireAdmin() {
    return ReactiveSecurityContextHolder.getContext()
        .map(
            context ->
                context.getAuthentication() != null
                    && context.getAuthentication().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch("ROLE_ADMIN"::equals))
        .defaultIfEmpty(false)
        .flatMap(
            admin ->
                admin
                    ? Mono.<Void>empty()
                    : Mono.error(
                        new ForbiddenException(
                            "Restoring into the plan's source needs the admin role")));
  }
}
