package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.testsupport.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names of a restore read from its local target, on real folders. */
class LocalTargetFilesTest {

  @TempDir Path dir;

  @Test
  void theFilesACopyWroteAreNamedInPathOrderWithoutTheHistoryFolder() {
    FileTrees.writeFile(dir, "b.txt", "b");
    FileTrees.writeFile(dir, "a/deep/c [1].txt", "c");
    FileTrees.writeFile(dir, "é/ü.txt", "umlaut");
    FileTrees.writeFile(dir, ".syncplan/revisions/2026-11-26T09-15-30.123Z/old.txt", "kept");

    FirstPaths restored = LocalTargetFiles.restored(dir, 3, 0).orElseThrow();

    assertThat(restored.paths()).containsExactly("a/deep/c [1].txt", "b.txt", "é/ü.txt");
    assertThat(restored.omitted()).isZero();
  }

  @Test
  void aFolderHoldingMoreOrFewerFilesThanTheCopyWroteIsNotNamed() {
    FileTrees.writeFile(dir, "a.txt", "a");
    FileTrees.writeFile(dir, "b.txt", "b");

    assertThat(LocalTargetFiles.restored(dir, 1, 0)).isEmpty();
    assertThat(LocalTargetFiles.restored(dir, 3, 0)).isEmpty();
  }

  @Test
  void aCopyThatLeftAFileAloneIsNotNamedEvenWhenTheCountsAddUp() {
    FileTrees.writeFile(dir, "a.txt", "a");
    FileTrees.writeFile(dir, "b.txt", "b");

    assertThat(LocalTargetFiles.restored(dir, 2, 1)).isEmpty();
  }

  @Test
  void aNameRcloneWritesWithAStandInOrALinkMakesTheFolderUnnamed() throws IOException {
    Path standIn = Files.createDirectories(dir.resolve("stand-in"));
    FileTrees.writeFile(standIn, "a\uFF0Fb.txt", "a fullwidth solidus: rclone's '/'");
    Path linked = Files.createDirectories(dir.resolve("linked"));
    FileTrees.writeFile(linked, "a.txt", "a");
    Files.createSymbolicLink(linked.resolve("link.txt"), linked.resolve("a.txt"));

    assertThat(LocalTargetFiles.restored(standIn, 1, 0)).isEmpty();
    assertThat(LocalTargetFiles.restored(linked, 2, 0)).isEmpty();
  }

  @Test
  void aMissingFolderHoldsNothingAndManyFilesAreCountedBeyondTheFirstListed() {
    assertThat(LocalTargetFiles.restored(dir.resolve("missing"), 0, 0).orElseThrow().count())
        .isZero();
    List<String> names = IntStream.range(0, 1_200).mapToObj("f%04d.txt"::formatted).toList();
    names.forEach(name -> FileTrees.writeFile(dir.resolve("many"), name, name));

    FirstPaths restored = LocalTargetFiles.restored(dir.resolve("many"), 1_200, 0).orElseThrow();

    assertThat(restored.count()).isEqualTo(1_200);
    assertThat(restored.paths()).hasSize(1_000).startsWith("f0000.txt").endsWith("f0999.txt");
    assertThat(restored.omitted()).isEqualTo(200);
  }
}
