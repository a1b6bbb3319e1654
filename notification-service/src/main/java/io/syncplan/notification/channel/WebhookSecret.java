package io.syncplan.notification.channel;

import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import java.util.Objects;

/** The key a webhook's deliveries are signed with, opened only at the moment of signing. */
public sealed interface WebhookSecret {

  String open(SecretCipher cipher);

  /** A secret from a plan, sealed by plan-service with the shared key, for that plan. */
  record Sealed(SealedSecret sealed, String planId) implements WebhookSecret {

    public Sealed {
      Objects.requireNonNull(sealed, "sealed");
      Objects.requireNonNull(planId, "planId");
    }

    @Override
    public String open(SecretCipher cipher) {
      return cipher.open(sealed, SecretContext.webhookSecret(planId));
    }
  }

  /** A secret from this service's own configuration. */
  record Configured(String value) implements WebhookSecret {

    public Configured {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String open(SecretCipher cipher) {
      return value;
    }

    @Override
    public String toString() {
      return "Configured[***]";
    }
  }
}
