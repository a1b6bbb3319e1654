package io.syncplan.notification.channel;

import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import java.util.Objects;

/**
 * A secret value of a webhook (its URL, a header value, the key deliveries are signed with), opened
 * only at the moment a request is made.
 */
public sealed interface WebhookSecret {

  String open(SecretCipher cipher);

  /**
   * A value from a plan, sealed by plan-service with the shared key for its plan and field: it
   * opens only as that.
   */
  record Sealed(SealedSecret sealed, SecretContext context) implements WebhookSecret {

    public Sealed {
      Objects.requireNonNull(sealed, "sealed");
      Objects.requireNonNull(context, "context");
    }

    @Override
    public String open(SecretCipher cipher) {
      return cipher.open(sealed, context);
    }
  }

  /**
   * A value this service holds in clear: from its own configuration, or from a plan event of an
   * older plan-service that did not seal it.
   */
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
