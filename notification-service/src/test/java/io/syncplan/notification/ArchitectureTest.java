package io.syncplan.notification;

import io.syncplan.testsupport.ModuleBoundaries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module's feature packages, as docs/architecture.md draws them. */
class ArchitectureTest {

  private final ModuleBoundaries boundaries =
      ModuleBoundaries.of("notification", "notification-service");

  @Test
  void noTwoFeaturesDependOnEachOther() {
    boundaries.featuresAreFreeOfCycles();
  }

  @Test
  void itUsesNoOtherServicesCode() {
    boundaries.dependsOnNoOtherService();
  }

  @Test
  void everyFeatureIsWhereTheArchitectureDocSaysCodeGoes() {
    boundaries.everyFeatureIsInWhereCodeGoes(Path.of("..", "docs", "architecture.md"));
  }
}
