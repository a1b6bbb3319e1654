package io.syncplan.executor.rclone;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Partial-file suffixes unique to one rclone process: {@code .sp} and five random characters before
 * rclone's usual {@code .partial}, 15 characters where rclone allows 16.
 */
final class PartialSuffix {

  static final String ENDING = ".partial";
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private PartialSuffix() {}

  static String next() {
    StringBuilder suffix = new StringBuilder(".sp");
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return suffix.append(ENDING).toString();
  }
}
