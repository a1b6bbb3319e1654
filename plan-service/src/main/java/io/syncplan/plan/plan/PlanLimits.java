package io.syncplan.plan.plan;

/** The limits a plan's fields are held to, in one place so the API docs can name them. */
final class PlanLimits {

  static final int NAME_LENGTH = 100;
  static final String NAME_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*";
  static final String NAME_MESSAGE =
      "must start with a letter or digit and hold only letters, digits, spaces, '.', '_' or '-'";
  static final int TAGS = 20;
  static final String TAG_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N}._:/-]{0,49}";
  static final String TAG_MESSAGE =
      "must be 1 to 50 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit";
  static final int FILTER_RULES = 100;
  static final int FILTER_RULE_LENGTH = 500;
  static final int EMAILS = 20;
  static final int WEBHOOKS = 10;
  static final int WEBHOOK_HEADERS = 20;
  static final int CHAINED_AFTER = 20;
  static final int MAX_PAUSE_AFTER_FAILURES = 1000;
  static final String SIZE_PATTERN = "\\d{1,12}(\\.\\d{1,3})?[KMGTP]?";
  static final String SIZE_MESSAGE = "must be a size in rclone's syntax, such as 512K, 16M or 2G";

  private PlanLimits() {}
}
