package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyStrengthTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "short-key-0123456789",
        "passwordpasswordpasswordpassword",
        "0123456789abcdef0123456789abcdef",
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aabbaabbaabbaabbccddccddccddccdd"
      })
  void shortRepeatedSequentialOrMonotonousKeysAreRefused(String key) {
    assertThat(KeyStrength.weakness(key)).isPresent();
  }

  @Test
  void randomKeysOfThirtyTwoHexDigitsOrMoreAreAccepted() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[16 + random.nextInt(16)];
      random.nextBytes(bytes);
      String key = HexFormat.of().formatHex(bytes);
      assertThat(KeyStrength.weakness(key)).as(key).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test-admin-key-7f3c9a1e5b2d8f4a6c0e",
        "spk_standalone-end-to-end-test-admin-key",
        "bootstrap-9c2e7a41f0d3b86e5a1c4f7d2b90e3a6"
      })
  void theKeysOfTheTestsAreStrongEnough(String key) {
    assertThat(KeyStrength.weakness(key)).isEmpty();
  }
}
