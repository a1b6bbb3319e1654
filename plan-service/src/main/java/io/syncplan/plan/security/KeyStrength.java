package io.syncplan.plan.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a key chosen by a person (the bootstrap key) is hard enough to guess: at least 32
 * characters, not a repeated part ({@code passwordpassword...}), not a run of neighbouring
 * characters ({@code abcdef...}, {@code aaaa...}), and about as varied as a random key: its own
 * Shannon entropy (from how often each of its characters occurs) must reach 80 bits, which 32
 * random hex digits always do (they hold 90 to 128 bits by this measure).
 */
final class KeyStrength {

  static final int MIN_LENGTH = 32;
  static final double MIN_BITS = 80;
  static final double MAX_NEIGHBOURS = 0.6;

  private KeyStrength() {}

  /** Why the key is too weak, or empty when it is strong enough. */
  static Optional<String> weakness(String key) {
    int[] chars = key.codePoints().toArray();
    if (chars.length < MIN_LENGTH) {
      return Optional.of(
          "is " + chars.length + " characters long; it must have at least " + MIN_LENGTH);
    }
    if (periodic(chars)) {
      return Optional.of("repeats a shorter part");
    }
    if (neighbours(chars) > MAX_NEIGHBOURS) {
      return Optional.of("is mostly a run of equal or consecutive characters");
    }
    double bits = entropyBits(chars);
    if (bits < MIN_BITS) {
      return Optional.of(
          "is too predictable (about %.0f bits; a random key of %d characters has more than %.0f)"
              .formatted(bits, MIN_LENGTH, MIN_BITS));
    }
    return Optional.empty();
  }

  private static boolean periodic(int[] chars) {
    for (int period = 1; period <= chars.length / 2; period++) {
      boolean repeats = true;
      for (int i = period; i < chars.length && repeats; i++) {
        repeats = chars[i] == chars[i - period];
      }
      if (repeats) {
        return true;
      }
    }
    return false;
  }

  /** The share of neighbouring characters that are equal or consecutive (a-b, 3-2). */
  private static double neighbours(int[] chars) {
    int close = 0;
    for (int i = 1; i < chars.length; i++) {
      if (Math.abs(chars[i] - chars[i - 1]) <= 1) {
        close++;
      }
    }
    return (double) close / (chars.length - 1);
  }

  private static double entropyBits(int[] chars) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int c : chars) {
      counts.merge(c, 1, Integer::sum);
    }
    double perCharacter = 0;
    for (int count : counts.values()) {
      double p = (double) count / chars.length;
      perCharacter -= p * (Math.log(p) / Math.log(2));
    }
    return perCharacter * chars.length;
  }
}
