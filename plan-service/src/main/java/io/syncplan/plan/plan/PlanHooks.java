package io.syncplan.plan.plan;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.plan.config.HookPoolsProperties;
import io.syncplan.plan.network.OutboundDestinations;
import io.syncplan.plan.web.DurationTextValidator;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.support.webhook.WebhookSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A plan's hooks as its snapshot carries them, each held to what the operator allows: exactly one
 * action; a command the plan's pool offers ({@code syncplan.api.pools.<pool>.hooks}), or a request
 * with an allowed method to a URL the network policy does not refuse; a timeout up to {@code
 * syncplan.api.hook-max-timeout}; and {@code abortOnError} on BEFORE hooks only. HTTP hooks are
 * sealed by {@link HttpHookSeals}.
 */
@Component
class PlanHooks {

  private final HookPoolsProperties pools;
  private final OutboundDestinations network;
  private final HttpHookSeals seals;

  PlanHooks(HookPoolsProperties pools, OutboundDestinations network, HttpHookSeals seals) {
    this.pools = pools;
    this.network = network;
    this.seals = seals;
  }

  /**
   * @param current the hooks the plan has now: an HTTP hook with the same URL keeps what the
   *     request leaves out
   */
  List<HookSpec> build(
      String planId, String pool, List<HookRequest> requests, List<HookSpec> current) {
    if (requests == null || requests.isEmpty()) {
      return List.of();
    }
    String poolName = pool == null ? Topics.DEFAULT_POOL : pool;
    Set<String> offered = pools.hooksOf(poolName);
    Map<String, HttpHook> currentByFingerprint =
        current.stream()
            .filter(hook -> hook.http() != null)
            .map(HookSpec::http)
            .collect(Collectors.toMap(HttpHook::fingerprint, Function.identity(), (a, b) -> a));
    List<FieldProblem> problems = new ArrayList<>();
    List<HookSpec> hooks = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      HookRequest request = requests.get(i);
      String field = "hooks[" + i + "].";
      HookOn on = HookOn.valueOf(request.on());
      Duration timeout = DurationTextValidator.parse(request.timeout());
      if ((request.command() == null) == (request.http() == null)) {
        problems.add(
            new FieldProblem("hooks[" + i + "]", "needs exactly one action: a command or http"));
      } else if (request.command() != null) {
        commandProblem(field, poolName, offered, request.command()).ifPresent(problems::add);
      } else {
        problems.addAll(httpProblems(field + "http.", request.http(), currentByFingerprint));
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
      if (problems.isEmpty()) {
        hooks.add(
            request.command() != null
                ? new HookSpec(on, timeout, abort, request.command())
                : new HookSpec(
                    on,
                    timeout,
                    abort,
                    null,
                    seals.seal(
                        planId,
                        pool,
                        request.http(),
                        currentByFingerprint.get(
                            WebhookTarget.fingerprintOf(request.http().url())))));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return hooks;
  }

  private static Optional<FieldProblem> commandProblem(
      String field, String poolName, Set<String> offered, String command) {
    if (offered.contains(command)) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldProblem(
            field + "command",
            "the pool '"
                + poolName
                + "' offers no hook command '"
                + command
                + "'"
                + (offered.isEmpty()
                    ? " (it offers none)"
                    : " (it offers " + String.join(", ", new TreeSet<>(offered)) + ")")));
  }

  /** A method outside the allow-list, a header syncplan sets itself, a refused new URL. */
  private List<FieldProblem> httpProblems(
      String field, HttpHookRequest http, Map<String, HttpHook> currentByFingerprint) {
    List<FieldProblem> problems = new ArrayList<>();
    if (http.method() != null && !HttpHook.METHODS.contains(http.method())) {
      problems.add(
          new FieldProblem(
              field + "method",
              "must be one of " + String.join(", ", new TreeSet<>(HttpHook.METHODS))));
    }
    if (http.headers() != null) {
      http.headers().keySet().stream()
          .filter(WebhookSigner::reserved)
          .sorted()
          .forEach(
              name ->
                  problems.add(
                      new FieldProblem(
                          field + "headers",
                          name + " is set by syncplan itself and cannot be given")));
    }
    if (!currentByFingerprint.containsKey(WebhookTarget.fingerprintOf(http.url()))) {
      network
          .refusalOfWebhook(http.url())
          .ifPresent(reason -> problems.add(new FieldProblem(field + "url", reason)));
    }
    return problems;
  }
}
