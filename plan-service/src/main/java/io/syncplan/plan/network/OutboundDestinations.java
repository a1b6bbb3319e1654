package io.syncplan.plan.network;

import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.support.network.Destination;
import io.syncplan.support.network.NetworkPolicy;
import io.syncplan.support.network.StorageDestinations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses, when a request is made, the servers of storages and the webhooks that the network policy
 * can already tell are not allowed: an address such as 127.0.0.1 or 169.254.169.254, {@code
 * localhost}, the stack's own Kafka or MongoDB. Names are not looked up here (that would hold the
 * request on DNS): the executor and notification-service resolve and check them again where they
 * connect, which is where the policy is enforced.
 */
@Component
public class OutboundDestinations {

  private final NetworkPolicy policy;

  OutboundDestinations(NetworkPolicy policy) {
    this.policy = policy;
  }

  /** Empty, or an invalid-request error naming each option whose server is not allowed. */
  public Mono<Void> checkStorage(String type, Map<String, String> options) {
    List<FieldProblem> problems =
        StorageDestinations.of(type, options).stream()
            .flatMap(
                target ->
                    policy.refusalWithoutLookup(target.destination()).stream()
                        .map(
                            reason ->
                                new FieldProblem(
                                    "options[" + target.option() + "]", refused(reason))))
            .toList();
    return problems.isEmpty() ? Mono.empty() : Mono.error(new InvalidRequestException(problems));
  }

  /** Why a webhook URL is not allowed, if the policy can tell without a lookup. */
  public Optional<String> refusalOfWebhook(String url) {
    return Destination.ofUrl(url).flatMap(policy::refusalWithoutLookup).map(this::refused);
  }

  private String refused(String reason) {
    return "is refused by the network policy: " + reason;
  }
}
