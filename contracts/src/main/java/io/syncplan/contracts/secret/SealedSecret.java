package io.syncplan.contracts.secret;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A secret encrypted with {@link SecretCipher}; safe to store and to publish. Only a service that
 * holds the key can open it, and only at the moment it hands the secret on.
 */
public record SealedSecret(String ciphertext) {

  @JsonCreator
  public SealedSecret {
    Objects.requireNonNull(ciphertext, "ciphertext");
  }

  @JsonValue
  @Override
  public String ciphertext() {
    return ciphertext;
  }

  @Override
  public String toString() {
    return "SealedSecret[***]";
  }
}
