package io.syncplan.plan.security;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API key as stored: only the SHA-256 of the key, never the key. Keys are 256 random bits, so a
 * fast hash is enough: nothing can be guessed from it.
 *
 * @param prefix the first characters of the key, to tell keys apart in a list
 */
@Document("api_keys")
record ApiKeyDocument(
    @Id String id,
    String name,
    Role role,
    @Indexed(unique = true) String hash,
    String prefix,
    Instant createdAt,
    String createdBy) {}
