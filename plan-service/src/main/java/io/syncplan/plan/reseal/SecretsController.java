package io.syncplan.plan.reseal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.storage.StorageSecrets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The secrets plan-service keeps, as a whole: sealing them again after a key rotation. */
@RestController
@RequestMapping("/api/v1/secrets")
@Tag(name = "Secrets")
class SecretsController {

  private static final Logger log = LoggerFactory.getLogger(SecretsController.class);

  private final StorageSecrets storages;
  private final PlanService plans;

  SecretsController(StorageSecrets storages, PlanService plans) {
    this.storages = storages;
    this.plans = plans;
  }

  /**
   * What a reseal did.
   *
   * @param storagesResealed storages whose secrets were sealed again
   * @param plansPublished plans published again with their secrets sealed again
   * @param problems what could not be sealed again (for example a secret no known key opens), by
   *     storage or plan id
   */
  record ResealReport(int storagesResealed, int plansPublished, List<String> problems) {}

  @PostMapping("/reseal")
  @Operation(
      summary = "Seal every stored secret again with the current key",
      description =
          "After SYNCPLAN_SECRETS_KEY was replaced (the old key in SYNCPLAN_SECRETS_PREVIOUS_KEYS):"
              + " every storage secret, crypt password and webhook secret not yet sealed with the"
              + " current key (or with its pool's key) is opened and sealed again, bound to its"
              + " owner and field; the plans are published again. Safe to repeat.")
  Mono<ResealReport> reseal() {
    List<String> problems = new ArrayList<>();
    Mono<Long> storagesResealed =
        storages
            .resealAll()
            .doOnNext(
                result -> {
                  if (result.problem() != null) {
                    problems.add("storage " + result.storageId() + ": " + result.problem());
                  }
                })
            .filter(StorageSecrets.Resealed::changed)
            .count();
    // Storages first: a plan published again carries its storages' secrets as they are then.
    return storagesResealed
        .flatMap(
            resealed ->
                plans
                    .resealAll()
                    .doOnNext(
                        result -> {
                          if (result.problem() != null) {
                            problems.add("plan " + result.planId() + ": " + result.problem());
                          }
                        })
                    .filter(PlanService.Resealed::published)
                    .count()
                    .map(
                        published ->
                            new ResealReport(
                                resealed.intValue(), published.intValue(), List.copyOf(problems))))
        .doOnNext(
            report ->
                log.info(
                    "Secrets sealed again: {} storages, {} plans published again, {} problems",
                    report.storagesResealed(),
                    report.plansPublished(),
                    report.problems().size()));
  }
}
