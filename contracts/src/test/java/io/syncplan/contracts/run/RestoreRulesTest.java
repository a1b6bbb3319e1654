package io.syncplan.contracts.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RestoreRulesTest {

  private static final Function<String, String> ANY_ROOT = path -> null;
  private static final StorageSpec S3 = new StorageSpec("s3", "s3", "s3", Map.of(), Map.of());

  static PlanSnapshot plan(Endpoint source, Endpoint destination) {
    return new PlanSnapshot(
        "plan-1",
        1,
        "p",
        null,
        List.of(),
        source,
        destination,
        SyncMode.MIRROR_WITH_REVISIONS,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        Instant.EPOCH,
        null,
        null,
        null,
        null);
  }

  private static final PlanSnapshot LOCAL =
      plan(Endpoint.local("/data/docs"), Endpoint.local("/backup/docs"));

  private static List<String> problems(String path, RestoreTarget target, PlanSnapshot plan) {
    return RestoreRules.check(
            new RestoreSpec(path, null, null, target, false, false), plan, ANY_ROOT)
        .stream()
        .map(RestoreRules.Violation::toString)
        .toList();
  }

  @Test
  void pathsStayInsideTheTreeAndOutOfTheHistory() {
    assertThat(RestoreRules.pathProblem("docs/report.txt")).isNull();
    assertThat(RestoreRules.pathProblem("")).isNull();
    assertThat(RestoreRules.pathProblem("/docs/")).isNull();
    assertThat(RestoreRules.pathProblem("docs/../../etc")).contains("..");
    assertThat(RestoreRules.pathProblem("./docs")).contains("..");
    assertThat(RestoreRules.pathProblem("docs//a")).contains("empty");
    assertThat(RestoreRules.pathProblem("docs/a\nb")).contains("control");
    assertThat(RestoreRules.pathProblem("docs/\u0007")).contains("control");
    assertThat(RestoreRules.pathProblem("-rf")).contains("'-'");
    assertThat(RestoreRules.pathProblem(".syncplan/revisions/x")).contains("history");
    assertThat(RestoreRules.pathProblem("x".repeat(5000))).contains("4096");
  }

  @Test
  void normalizeDropsSlashesAtTheEnds() {
    assertThat(RestoreRules.normalize("/docs/a/")).isEqualTo("docs/a");
    assertThat(RestoreRules.normalize(null)).isEmpty();
    assertThat(RestoreRules.normalize("/")).isEmpty();
  }

  @Test
  void theSourceAndTheDestinationAreTargetsByNameNotByPath() {
    assertThat(problems("docs", RestoreTarget.source(), LOCAL)).isEmpty();
    assertThat(problems("docs", RestoreTarget.destination(), LOCAL)).isEmpty();
    assertThat(problems("docs", RestoreTarget.at(Endpoint.local("/restores/x")), LOCAL)).isEmpty();

    assertThat(problems("", RestoreTarget.at(Endpoint.local("/data/docs/sub")), LOCAL))
        .singleElement()
        .asString()
        .contains("SOURCE");
    assertThat(problems("", RestoreTarget.at(Endpoint.local("/data")), LOCAL))
        .singleElement()
        .asString()
        .contains("SOURCE");
    assertThat(problems("", RestoreTarget.at(Endpoint.local("/backup/docs/../docs/x")), LOCAL))
        .singleElement()
        .asString()
        .contains("..");
    assertThat(problems("", RestoreTarget.at(Endpoint.local("/backup/docs/x")), LOCAL))
        .singleElement()
        .asString()
        .contains("DESTINATION");
  }

  @Test
  void aTargetInsideAHistoryFolderIsRefused() {
    assertThat(
            problems(
                "", RestoreTarget.at(Endpoint.local("/elsewhere/.syncplan/revisions/x")), LOCAL))
        .singleElement()
        .asString()
        .startsWith("target.path")
        .contains("history");
  }

  @Test
  void storagePathsOverlapOnlyOnTheSameStorage() {
    PlanSnapshot remote = plan(Endpoint.local("/data/docs"), new Endpoint("bucket/docs", S3));
    StorageSpec other = new StorageSpec("other", "other", "s3", Map.of(), Map.of());

    assertThat(problems("", RestoreTarget.at(new Endpoint("bucket/docs/x", S3)), remote))
        .hasSize(1);
    assertThat(problems("", RestoreTarget.at(new Endpoint("bucket/restores", S3)), remote))
        .isEmpty();
    assertThat(problems("", RestoreTarget.at(new Endpoint("bucket/docs", other)), remote))
        .isEmpty();
  }

  @Test
  void aLocalTargetMustBeAbsoluteAndInsideTheMachinesRoots() {
    assertThat(problems("", RestoreTarget.at(Endpoint.local("relative/x")), LOCAL))
        .singleElement()
        .asString()
        .contains("absolute");
    List<RestoreRules.Violation> outside =
        RestoreRules.check(
            new RestoreSpec(
                "", null, null, RestoreTarget.at(Endpoint.local("/etc/x")), false, false),
            LOCAL,
            path -> path.startsWith("/restores") ? null : "is outside the local roots");
    assertThat(outside).singleElement().asString().contains("local roots");
  }

  @Test
  void aRevisionMustBeNamedAsSyncplanNamesThem() {
    assertThat(RestoreRules.revisionProblem("2026-11-26T09-15-30.123Z")).isNull();
    assertThat(RestoreRules.revisionProblem("../x")).isNotNull();
  }
}
