package io.syncplan.executor.rclone;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Removes secret values from text that leaves the executor (log tails, error messages). */
public final class Redactor {

  static final String MASK = "***";
  private static final int SHORTEST_SECRET = 1;

  private final List<String> secrets;

  public Redactor(Set<String> secrets) {
    // Longest first, so that a secret containing another is masked whole.
    this.secrets =
        secrets.stream()
            .filter(secret -> secret != null && secret.length() >= SHORTEST_SECRET)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, MASK);
    }
    return clean;
  }
}
