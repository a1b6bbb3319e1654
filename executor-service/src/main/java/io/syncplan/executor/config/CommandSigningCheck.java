package io.syncplan.executor.config;

import io.syncplan.support.SyncplanCommandSigningProperties;
import org.springframework.stereotype.Component;

/**
 * An executor runs only commands signed by plan-service or the scheduler, so it refuses to start
 * without a key to check their signatures with, and says how to get one.
 */
@Component
class CommandSigningCheck {

  CommandSigningCheck(SyncplanCommandSigningProperties signing) {
    if (signing.trustedKeys().isEmpty()) {
      throw new IllegalStateException(
          "syncplan.command-signing.trusted-keys (SYNCPLAN_COMMAND_SIGNING_TRUSTED_KEYS) is not"
              + " set: give the executor the public key whose private key plan-service and"
              + " scheduler-service sign commands with (see docs/security.md); 'java -cp"
              + " <executor jar> io.syncplan.contracts.signature.SigningKeys' prints a new pair");
    }
  }
}
