package io.syncplan.executor.rclone;

/** One periodic stats line of a running rclone. */
public record RcloneProgress(
    long bytesDone,
    long bytesTotal,
    long filesDone,
    long filesTotal,
    double speedBytesPerSecond,
    Long etaSeconds) {}
