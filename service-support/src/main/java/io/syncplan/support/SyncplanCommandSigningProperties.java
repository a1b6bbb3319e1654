package io.syncplan.support;

import io.syncplan.contracts.signature.SigningKeys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys of command signatures ({@code io.syncplan.contracts.signature.CommandSignatures}), as
 * base64 DER or PEM ({@code java -cp <a syncplan jar> io.syncplan.contracts.signature.SigningKeys}
 * prints a new pair).
 *
 * @param privateKey the Ed25519 private key that signs every command this service sends ({@code
 *     SYNCPLAN_COMMAND_SIGNING_PRIVATE_KEY}); plan-service and scheduler-service only, never an
 *     executor
 * @param trustedKeys the Ed25519 public keys whose signatures an executor accepts on its command
 *     topic ({@code SYNCPLAN_COMMAND_SIGNING_TRUSTED_KEYS}, comma-separated; more than one while a
 *     key is being replaced). An executor refuses to start without one.
 */
@ConfigurationProperties("syncplan.command-signing")
public record SyncplanCommandSigningProperties(String privateKey, List<String> trustedKeys) {

  public SyncplanCommandSigningProperties {
    privateKey = privateKey == null || privateKey.isBlank() ? null : privateKey.strip();
    trustedKeys =
        trustedKeys == null
            ? List.of()
            : trustedKeys.stream().filter(key -> key != null && !key.isBlank()).toList();
    // Read once here, so that a key that cannot be read stops the service at start.
    if (privateKey != null) {
      SigningKeys.privateKey(privateKey);
    }
    trustedKeys.forEach(SigningKeys::publicKey);
  }

  /** The key this service signs with, or null when it signs nothing. */
  public PrivateKey signingKey() {
    return privateKey == null ? null : SigningKeys.privateKey(privateKey);
  }

  public List<PublicKey> verifyingKeys() {
    return trustedKeys.stream().map(SigningKeys::publicKey).toList();
  }
}
