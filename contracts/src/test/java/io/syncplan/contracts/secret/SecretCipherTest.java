package io.syncplan.contracts.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final SecretContext NAS_PASS = SecretContext.storage("nas-1", "pass");

  private final String key = SecretCipher.generateKey();
  private final SecretCipher cipher = new SecretCipher(key);

  @Test
  void opensWhatItSealedForTheSameOwnerAndField() {
    SealedSecret sealed = cipher.seal("s3cr3t-password", NAS_PASS);

    assertThat(cipher.open(sealed, NAS_PASS)).isEqualTo("s3cr3t-password");
    assertThat(sealed.ciphertext())
        .startsWith("v2:" + SecretCipher.keyId(key) + ":")
        .doesNotContain("s3cr3t");
    assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
  }

  @Test
  void sealsTheSameTextDifferentlyEachTime() {
    assertThat(cipher.seal("same", NAS_PASS)).isNotEqualTo(cipher.seal("same", NAS_PASS));
  }

  @Test
  void aSecretCopiedToAnotherOwnerOrFieldDoesNotOpen() {
    SealedSecret sealed = cipher.seal("nas-password", NAS_PASS);

    assertThatThrownBy(() -> cipher.open(sealed, SecretContext.storage("attacker-1", "pass")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("for another owner or field");
    assertThatThrownBy(() -> cipher.open(sealed, SecretContext.storage("nas-1", "user")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesToOpenWithoutTheKey() {
    SealedSecret sealed = cipher.seal("secret", NAS_PASS);
    SecretCipher other = new SecretCipher(SecretCipher.generateKey());

    assertThatThrownBy(() -> other.open(sealed, NAS_PASS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a key this service does not have");
  }

  @Test
  void aNewKeySealsWhileThePreviousStillOpens() {
    SealedSecret old = cipher.seal("kept-through-rotation", NAS_PASS);
    String next = SecretCipher.generateKey();
    SecretCipher rotated = new SecretCipher(next, List.of(key), Map.of());

    assertThat(rotated.open(old, NAS_PASS)).isEqualTo("kept-through-rotation");
    assertThat(rotated.sealedForPool(null, old)).isFalse();
    SealedSecret resealed = rotated.seal(rotated.open(old, NAS_PASS), NAS_PASS);
    assertThat(rotated.sealedForPool(null, resealed)).isTrue();
    assertThat(new SecretCipher(next).open(resealed, NAS_PASS)).isEqualTo("kept-through-rotation");
  }

  @Test
  void aPoolsSecretsOpenOnlyWithThatPoolsKey() {
    String poolKey = SecretCipher.generateKey();
    SecretCipher central = new SecretCipher(key, List.of(), Map.of("laptop-7", poolKey));

    SealedSecret forPool = central.sealForPool("laptop-7", "agent-only", NAS_PASS);
    SealedSecret forDefault = central.sealForPool("default", "central", NAS_PASS);

    SecretCipher agent = new SecretCipher(poolKey);
    assertThat(agent.open(forPool, NAS_PASS)).isEqualTo("agent-only");
    assertThatThrownBy(() -> agent.open(forDefault, NAS_PASS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretCipher(key).open(forPool, NAS_PASS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(central.sealedForPool("laptop-7", forPool)).isTrue();
    assertThat(central.sealedForPool("default", forPool)).isFalse();
  }

  @Test
  void aSecretSealedBeforeAssociatedDataStillOpensWithAnyKnownKey() throws Exception {
    SealedSecret legacy = legacySeal(key, "sealed-in-v1");

    assertThat(cipher.open(legacy, NAS_PASS)).isEqualTo("sealed-in-v1");
    assertThat(
            new SecretCipher(SecretCipher.generateKey(), List.of(key), Map.of())
                .open(legacy, NAS_PASS))
        .isEqualTo("sealed-in-v1");
    assertThat(cipher.sealedForPool(null, legacy)).isFalse();
  }

  @Test
  void rejectsKeysOfTheWrongSize() {
    assertThatThrownBy(() -> new SecretCipher("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  /** What the first SecretCipher wrote: v1, the IV and ciphertext, no associated data. */
  private static SealedSecret legacySeal(String base64Key, String plaintext) throws Exception {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
        new GCMParameterSpec(128, iv));
    byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    return new SealedSecret(
        "v1:"
            + Base64.getEncoder()
                .encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
  }
}
