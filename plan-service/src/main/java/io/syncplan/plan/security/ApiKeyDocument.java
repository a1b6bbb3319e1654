package io.syncplan.plan.security;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API key as stored: only its hash ({@link ApiKeyHashes}), never the key. Keys are 256 random
 * bits (a bootstrap key at least 32 unpredictable characters), so a fast keyed hash is enough.
 *
 * @param prefix the first characters of the key, to tell keys apart in a list
 * @param hashScheme how {@code hash} was made; absent on keys stored by syncplan 0.1 until {@link
 *     ApiKeyHashUpgrade} moves them
 */
@Document("api_keys")
record ApiKeyDocument(
    @Id String id,
    String name,
    Role role,
    @Indexed(unique = true) String hash,
    String prefix,
    Instant createdAt,
    String createdBy,
    String hashScheme) {}
