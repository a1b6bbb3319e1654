package io.syncplan.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRootsTest {

  @TempDir Path dir;

  @Test
  void aPathIsInsideWhenItLiesUnderARoot() {
    LocalRoots roots = new LocalRoots(List.of("/data", "/srv/backups"), "test.roots");

    assertThat(roots.problem("/data/photos")).isNull();
    assertThat(roots.problem("/data")).isNull();
    assertThat(roots.problem("/srv/backups/a/b")).isNull();
    assertThat(roots.problem("/database")).contains("outside the local roots (/data, /srv/backups");
    assertThat(roots.problem("/data/../etc")).isEqualTo("must not contain '..'");
    assertThat(roots.problem("data/photos")).contains("absolute");
  }

  @Test
  void withoutRootsEveryLocalPathIsRefusedAndTheSettingNamed() {
    assertThat(new LocalRoots(List.of(), "test.roots").problem("/data"))
        .contains("no local roots are configured here (test.roots)");
  }

  @Test
  void aSymbolicLinkIsFollowedToWhereItLeads() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("escape"), elsewhere);
    LocalRoots roots = new LocalRoots(List.of(root.toString()), "test.roots");

    assertThat(roots.problem(root + "/escape/file")).isNull();
    assertThat(roots.realProblem(root + "/escape/file")).contains("outside the local roots");
    assertThat(roots.realProblem(root + "/new/folder/not/yet/there")).isNull();
  }

  @Test
  void aPurgeNeverRemovesARootOrAFolderAboveOne() throws IOException {
    Path outer = Files.createDirectories(dir.resolve("outer"));
    Path root = Files.createDirectories(outer.resolve("root"));
    LocalRoots roots = new LocalRoots(List.of(outer.toString(), root.toString()), "test.roots");

    assertThat(roots.purgeProblem(root.resolve("plan-a").toString())).isNull();
    assertThat(roots.purgeProblem(root.toString())).contains("is the local root " + root);
    assertThat(roots.purgeProblem(outer.toString())).contains("is the local root " + outer);
    assertThat(
            new LocalRoots(List.of(root.toString()), "test.roots").purgeProblem(outer.toString()))
        .contains("outside the local roots");
    assertThat(roots.purgeProblem(root + "/./")).contains("is the local root");
  }
}
