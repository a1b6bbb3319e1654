package io.syncplan.plan.secret;

import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Seals the write-only secrets of requests. A secret sent again unchanged keeps its sealed form, so
 * applying the same plan twice changes nothing (sealing twice would give another ciphertext).
 */
@Component
public class Secrets {

  private final ObjectProvider<SecretCipher> cipher;

  Secrets(ObjectProvider<SecretCipher> cipher) {
    this.cipher = cipher;
  }

  /**
   * The sealed secret to keep: the current one when none is sent ({@code null}) or the same one is
   * sent again; none for an empty text; else the sent one, sealed.
   */
  public SealedSecret update(String sent, SealedSecret current) {
    if (sent == null) {
      return current;
    }
    if (sent.isEmpty()) {
      return null;
    }
    if (current != null && sameAs(sent, current)) {
      return current;
    }
    return cipher.getObject().seal(sent);
  }

  public SealedSecret seal(String plaintext) {
    return cipher.getObject().seal(plaintext);
  }

  /** The plaintext, for the rare value plan-service must read back (a webhook's URL). */
  public String open(SealedSecret sealed) {
    return cipher.getObject().open(sealed);
  }

  private boolean sameAs(String plaintext, SealedSecret sealed) {
    try {
      return plaintext.equals(cipher.getObject().open(sealed));
    } catch (IllegalArgumentException e) {
      return false; // sealed with an older key: seal again with the current one
    }
  }
}
