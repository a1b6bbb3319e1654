package io.syncplan.plan.secret;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Seals the write-only secrets of requests, each bound to its owner and field. A secret sent again
 * unchanged keeps its sealed form, so applying the same plan twice changes nothing (sealing twice
 * would give another ciphertext), as long as it is sealed with the key it would be sealed with now;
 * one sealed with a previous key, or without associated data, is sealed again.
 */
@Component
public class Secrets {

  private final ObjectProvider<SecretCipher> cipher;

  Secrets(ObjectProvider<SecretCipher> cipher) {
    this.cipher = cipher;
  }

  /**
   * The sealed secret to keep, with the current key: the current one when none is sent ({@code
   * null}) or the same one is sent again; none for an empty text; else the sent one, sealed.
   */
  public SealedSecret update(String sent, SealedSecret current, SecretContext context) {
    return updateForPool(null, sent, current, context);
  }

  /** As {@link #update}, sealed with the pool's own key when it has one. */
  public SealedSecret updateForPool(
      String pool, String sent, SealedSecret current, SecretContext context) {
    if (sent == null) {
      return current == null ? null : resealed(pool, current, context);
    }
    if (sent.isEmpty()) {
      return null;
    }
    return forPool(pool, sent, current, context);
  }

  public SealedSecret seal(String plaintext, SecretContext context) {
    return cipher.getObject().seal(plaintext, context);
  }

  public String open(SealedSecret sealed, SecretContext context) {
    return cipher.getObject().open(sealed, context);
  }

  /**
   * The storage with its secrets (and those of every storage it builds on) sealed as the pool's
   * executors open them: with the pool's own key when it has one. Secrets {@code current} already
   * holds that way, unchanged, are kept as they are.
   */
  public StorageSpec forPool(String pool, StorageSpec storage, StorageSpec current) {
    Map<String, SealedSecret> sealed = new LinkedHashMap<>();
    storage
        .secrets()
        .forEach(
            (option, secret) -> {
              SecretContext context = SecretContext.storage(storage.id(), option);
              SealedSecret kept =
                  current != null && current.id().equals(storage.id())
                      ? current.secrets().get(option)
                      : null;
              sealed.put(
                  option,
                  cipher.getObject().sealedForPool(pool, secret)
                      ? secret
                      : resealedLike(pool, secret, kept, context));
            });
    return new StorageSpec(
        storage.id(),
        storage.name(),
        storage.type(),
        storage.options(),
        sealed,
        storage.references().stream()
            .map(inner -> forPool(pool, inner, inner(current, inner.id())))
            .toList());
  }

  /** The secret as the pool's secrets are sealed now; as it is when no key here opens it. */
  private SealedSecret resealed(String pool, SealedSecret secret, SecretContext context) {
    return resealedLike(pool, secret, secret, context);
  }

  private SealedSecret resealedLike(
      String pool, SealedSecret secret, SealedSecret kept, SecretContext context) {
    if (cipher.getObject().sealedForPool(pool, secret)) {
      return secret;
    }
    try {
      return forPool(pool, open(secret, context), kept, context);
    } catch (IllegalArgumentException e) {
      return secret; // the executor says so when it runs: SECRET_UNREADABLE
    }
  }

  private SealedSecret forPool(
      String pool, String plaintext, SealedSecret current, SecretContext context) {
    SecretCipher secrets = cipher.getObject();
    if (current != null
        && secrets.sealedForPool(pool, current)
        && same(plaintext, current, context)) {
      return current;
    }
    return secrets.sealForPool(pool, plaintext, context);
  }

  private boolean same(String plaintext, SealedSecret sealed, SecretContext context) {
    try {
      return plaintext.equals(open(sealed, context));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static StorageSpec inner(StorageSpec current, String id) {
    if (current == null) {
      return null;
    }
    return current.references().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }
}
