package io.syncplan.executor.history;

import java.time.Instant;

/**
 * A file as rclone listed it.
 *
 * @param path relative to the place listed (with the prefix the caller gave)
 */
public record ListedFile(String path, long size, Instant modifiedAt) {}
