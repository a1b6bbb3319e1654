package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.plan.config.LocalRootsProperties;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API holds plans to the executors' rules, and to the default pool's roots when it knows them.
 */
class PlanChecksTest {

  private final PlanChecks checks =
      new PlanChecks(StoragePolicy.STRICT, new LocalRootsProperties(List.of("/data", "/tmp")));

  @Test
  void aLocalPathOutsideTheDefaultPoolsRootsIsRefusedNamingThem() {
    InvalidRequestException refused =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> checks.check(plan(Endpoint.local("/etc"), Endpoint.local("/data/x"), null)));

    assertThat(refused.problems())
        .containsExactly(
            new FieldProblem(
                "source.path",
                "is outside the local roots (/data, /tmp; syncplan.api.local-roots)"));
  }

  @Test
  void anotherPoolsRootsAreNotKnownHereSoItsPathsAreLeftToItsExecutors() {
    PlanSnapshot plan = plan(Endpoint.local("/home/me"), Endpoint.local("/mnt/usb"), "laptop-7");

    assertThat(checks.check(plan)).isSameAs(plan);
  }

  @Test
  void aLocalStoragesPathIsHeldToTheRootsToo() {
    StorageSpec disk = new StorageSpec("disk-1", "disk", "local", Map.of(), Map.of());

    assertThat(
            catchThrowableOfType(
                    InvalidRequestException.class,
                    () ->
                        checks.check(
                            plan(Endpoint.local("/data/a"), new Endpoint("etc", disk), null)))
                .problems())
        .extracting(FieldProblem::field)
        .containsExactly("destination.path");
  }

  @Test
  void aStorageThePolicyRefusesIsRefusedInAPlanToo() {
    StorageSpec evil =
        new StorageSpec("evil-1", "evil", "alias", Map.of("remote", ":local:/etc"), Map.of());

    assertThat(
            catchThrowableOfType(
                    InvalidRequestException.class,
                    () ->
                        checks.check(
                            plan(Endpoint.local("/data/a"), new Endpoint("x", evil), null)))
                .problems())
        .extracting(FieldProblem::field)
        .containsExactly("destination.storage.options[remote]");
  }

  private static PlanSnapshot plan(Endpoint source, Endpoint destination, String pool) {
    return new PlanSnapshot(
        "p-1",
        1,
        "plan",
        null,
        List.of(),
        source,
        destination,
        SyncMode.MIRROR,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        pool,
        null,
        null,
        false,
        Instant.now(),
        null,
        null,
        null,
        null);
  }
}
