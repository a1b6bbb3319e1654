package io.syncplan.contracts.policy;

/**
 * The limits a plan's settings are held to, by the API when a plan is written and by the executor
 * again when it runs one ({@link PlanRules}). Constants, so that the API's request annotations can
 * name them.
 */
public final class PlanLimits {

  public static final int NAME_LENGTH = 100;
  public static final String NAME_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*";
  public static final String NAME_MESSAGE =
      "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' or '-'";
  public static final int DESCRIPTION_LENGTH = 1000;
  public static final int TAGS = 20;
  public static final String TAG_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N}._:/-]{0,49}";
  public static final String TAG_MESSAGE =
      "must be 1 to 50 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit";
  public static final int PATH_LENGTH = 4096;
  public static final int FILTER_RULES = 100;
  public static final int FILTER_RULE_LENGTH = 500;
  public static final String SIZE_PATTERN = "\\d{1,12}(\\.\\d{1,3})?[KMGTP]?";
  public static final String SIZE_MESSAGE =
      "must be a size in rclone's syntax, such as 512K, 16M or 2G";
  public static final int MAX_TRANSFERS = 64;
  public static final int MAX_MULTI_THREAD_STREAMS = 64;

  /** The shortest maximum duration a request may ask for (snapshots need only a second). */
  public static final int MIN_MAX_DURATION_SECONDS = 60;

  public static final int MAX_ATTEMPTS = 20;
  public static final int MAX_RETRY_DELAY_SECONDS = 24 * 3600;
  public static final double MAX_BACKOFF_MULTIPLIER = 10.0;
  public static final int MAX_KEEP_DAYS = 36_500;
  public static final int MAX_KEEP_COUNT = 100_000;
  public static final int MAX_MIN_FILES = 1_000_000_000;

  private PlanLimits() {}
}
