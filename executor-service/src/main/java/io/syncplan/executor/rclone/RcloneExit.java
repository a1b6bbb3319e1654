package io.syncplan.executor.rclone;

/** What rclone's exit codes mean, and which failures are worth another attempt. */
public enum RcloneExit {
  OK(0, "OK", false),
  ERROR(1, "RCLONE_ERROR", true),
  USAGE(2, "USAGE_ERROR", false),
  DIRECTORY_NOT_FOUND(3, "DIRECTORY_NOT_FOUND", false),
  FILE_NOT_FOUND(4, "FILE_NOT_FOUND", false),
  TEMPORARY(5, "TEMPORARY_ERROR", true),
  NO_RETRY(6, "NO_RETRY_ERROR", false),
  FATAL(7, "FATAL_ERROR", false),
  MAX_TRANSFER(8, "MAX_TRANSFER_REACHED", false),
  NO_FILES_TRANSFERRED(9, "NO_FILES_TRANSFERRED", false),
  MAX_DURATION(10, "MAX_DURATION_REACHED", false),
  UNKNOWN(-1, "RCLONE_ERROR", false);

  private final int code;
  private final String reason;
  private final boolean retryable;

  RcloneExit(int code, String reason, boolean retryable) {
    this.code = code;
    this.reason = reason;
    this.retryable = retryable;
  }

  public static RcloneExit of(int code) {
    for (RcloneExit exit : values()) {
      if (exit.code == code) {
        return exit;
      }
    }
    return UNKNOWN;
  }

  public int code() {
    return code;
  }

  /** The stable reason code a failed run reports. */
  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }
}
