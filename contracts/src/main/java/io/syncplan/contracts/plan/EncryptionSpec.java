package io.syncplan.contracts.plan;

import io.syncplan.contracts.secret.SealedSecret;
import java.util.Objects;

/**
 * Encryption at rest: the destination is written through an rclone crypt remote. The password and
 * the optional salt stay sealed until the executor hands them to rclone as environment variables.
 */
public record EncryptionSpec(SealedSecret password, SealedSecret salt) {

  public EncryptionSpec {
    Objects.requireNonNull(password, "password");
  }
}
