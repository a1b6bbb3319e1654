package io.syncplan.plan.storage;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A named storage as stored; its secrets sealed.
 *
 * @param nameKey the name in lower case, unique
 */
@Document("storages")
record StorageDocument(
    @Id String id,
    String name,
    @Indexed(unique = true) String nameKey,
    String type,
    Map<String, String> options,
    Map<String, SealedSecret> secrets,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  StorageDocument {
    options = options == null ? Map.of() : Map.copyOf(options);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }

  static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  StorageSpec toSpec() {
    return new StorageSpec(id, name, type, options, secrets);
  }
}
