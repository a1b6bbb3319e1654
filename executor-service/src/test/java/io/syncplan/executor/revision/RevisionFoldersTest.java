package io.syncplan.executor.revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.RevisionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionFoldersTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void aFolderNameSortsByTimeAndReadsBack() {
    Instant start = Instant.parse("2026-11-26T09:15:30.123Z");

    assertThat(RevisionFolders.name(start)).isEqualTo("2026-11-26T09-15-30.123Z");
    assertThat(RevisionFolders.parse("2026-11-26T09-15-30.123Z")).contains(start);
    assertThat(RevisionFolders.parse("holiday-photos")).isEmpty();
  }

  @Test
  void foldersPastEitherLimitExpireAndAMissingLimitDoesNotApply() {
    List<Map.Entry<String, Instant>> folders =
        List.of(folder("a", 1), folder("b", 2), folder("c", 20), folder("d", 40));

    assertThat(RevisionRetention.expired(folders, new RevisionPolicy(30, null), NOW))
        .containsExactly("d");
    assertThat(RevisionRetention.expired(folders, new RevisionPolicy(null, 2), NOW))
        .containsExactly("c", "d");
    assertThat(RevisionRetention.expired(folders, new RevisionPolicy(10, 3), NOW))
        .containsExactly("c", "d");
    assertThat(RevisionRetention.expired(folders, new RevisionPolicy(null, null), NOW)).isEmpty();
  }

  private static Map.Entry<String, Instant> folder(String name, int daysAgo) {
    return Map.entry(name, NOW.minus(Duration.ofDays(daysAgo)));
  }
}
