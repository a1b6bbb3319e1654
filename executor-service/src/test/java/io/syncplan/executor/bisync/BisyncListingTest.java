package io.syncplan.executor.bisync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bisync's listing files, as rclone 1.60 and 1.75 write them. */
class BisyncListingTest {

  @TempDir Path workdir;

  @Test
  void readsSizesAndTimesAndRewritesAResolvedConflictAsIfBisyncHadSyncedTheWinner()
      throws IOException {
    Files.writeString(
        workdir.resolve("tmp_a..tmp_b.path1.lst"),
        """
        # bisync listing v1 from 2026-12-03T07:46:06.982108037+0000
        -       14 md5:e68783f33ec135e6129e832b795de469 - 2026-12-03T07:46:11.402355966+0000 "notes.txt..path1"
        -       19 - - 2026-12-03T07:46:16.407419742+0000 "notes.txt..path2"
        -        2 - - 2026-12-03T07:46:05.738705807+0000 "other \\"quoted\\" file.txt"
        """);

    BisyncListing listing = BisyncListing.of(workdir, 1);
    var found =
        listing.find(List.of("notes.txt..path1", "notes.txt..path2", "other \"quoted\" file.txt"));

    assertThat(found.get("notes.txt..path1"))
        .isEqualTo(new BisyncListing.Entry(14, Instant.parse("2026-12-03T07:46:11.402355966Z")));
    assertThat(found.get("notes.txt..path2").size()).isEqualTo(19);
    assertThat(found).containsKey("other \"quoted\" file.txt");

    listing.rename("notes.txt..path2", "notes.txt");
    listing.remove("notes.txt..path1");
    listing.save();

    assertThat(Files.readAllLines(workdir.resolve("tmp_a..tmp_b.path1.lst")))
        .containsExactly(
            "# bisync listing v1 from 2026-12-03T07:46:06.982108037+0000",
            "-       19 - - 2026-12-03T07:46:16.407419742+0000 \"notes.txt\"",
            "-        2 - - 2026-12-03T07:46:05.738705807+0000 \"other \\\"quoted\\\" file.txt\"");
  }

  @Test
  void quotesNamesAsGoDoes() {
    for (String name :
        List.of("plain.txt", "with space.txt", "quote\".txt", "back\\slash", "tab\there", "ü€😀")) {
      assertThat(GoQuote.unquote(GoQuote.quote(name))).isEqualTo(name);
    }
    assertThat(GoQuote.quote("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\td\"");
    assertThat(GoQuote.unquote("\"\\x41\\u00fc\"")).isEqualTo("Aü");
  }
}
