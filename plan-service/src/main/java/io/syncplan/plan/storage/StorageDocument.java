package io.syncplan.plan.storage;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A named storage as stored; its secrets sealed.
 *
 * @param nameKey the name in lower case, unique
 * @param references the ids of the storages a wrapper's options name, as found when it was stored
 */
@Document("storages")
record StorageDocument(
    @Id String id,
    String name,
    @Indexed(unique = true) String nameKey,
    String type,
    Map<String, String> options,
    Map<String, SealedSecret> secrets,
    @Indexed List<String> references,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  StorageDocument {
    options = options == null ? Map.of() : Map.copyOf(options);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    references = references == null ? List.of() : List.copyOf(references);
  }

  static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** The storage as plans carry it, with the storages it builds on (none for a plain one). */
  StorageSpec toSpec(List<StorageSpec> builtOn) {
    return new StorageSpec(id, name, type, options, secrets, builtOn);
  }
}
