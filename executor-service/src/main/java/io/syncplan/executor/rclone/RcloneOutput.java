package io.syncplan.executor.rclone;

/** What a short rclone command printed on its standard output, and how it ended. */
public record RcloneOutput(String stdout, RcloneReport report) {

  public boolean succeeded() {
    return report.succeeded();
  }
}
