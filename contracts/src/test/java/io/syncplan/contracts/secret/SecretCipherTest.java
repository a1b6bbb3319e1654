package io.syncplan.contracts.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private final SecretCipher cipher = new SecretCipher(SecretCipher.generateKey());

  @Test
  void opensWhatItSealed() {
    SealedSecret sealed = cipher.seal("s3cr3t-password");

    assertThat(cipher.open(sealed)).isEqualTo("s3cr3t-password");
    assertThat(sealed.ciphertext()).doesNotContain("s3cr3t");
    assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
  }

  @Test
  void sealsTheSameSecretDifferentlyEachTime() {
    assertThat(cipher.seal("same")).isNotEqualTo(cipher.seal("same"));
  }

  @Test
  void refusesToOpenWithAnotherKey() {
    SealedSecret sealed = cipher.seal("secret");
    SecretCipher other = new SecretCipher(SecretCipher.generateKey());

    assertThatThrownBy(() -> other.open(sealed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be opened");
  }

  @Test
  void refusesAKeyOfTheWrongLength() {
    assertThatThrownBy(() -> new SecretCipher("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
