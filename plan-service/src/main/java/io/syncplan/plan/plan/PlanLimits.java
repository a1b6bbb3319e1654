package io.syncplan.plan.plan;

import io.syncplan.contracts.policy.PlanRules;

/**
 * The limits a plan's fields are held to, for the request annotations; the values shared with the
 * executors' checks ({@link PlanRules}) are taken from there.
 */
final class PlanLimits {

  static final int NAME_LENGTH = io.syncplan.contracts.policy.PlanLimits.NAME_LENGTH;
  static final String NAME_PATTERN = io.syncplan.contracts.policy.PlanLimits.NAME_PATTERN;
  static final String NAME_MESSAGE = io.syncplan.contracts.policy.PlanLimits.NAME_MESSAGE;
  static final int TAGS = io.syncplan.contracts.policy.PlanLimits.TAGS;
  static final String TAG_PATTERN = io.syncplan.contracts.policy.PlanLimits.TAG_PATTERN;
  static final String TAG_MESSAGE = io.syncplan.contracts.policy.PlanLimits.TAG_MESSAGE;
  static final int FILTER_RULES = io.syncplan.contracts.policy.PlanLimits.FILTER_RULES;
  static final int FILTER_RULE_LENGTH = io.syncplan.contracts.policy.PlanLimits.FILTER_RULE_LENGTH;
  static final int EMAILS = 20;
  static final int WEBHOOKS = 10;
  static final int WEBHOOK_HEADERS = 20;

  /** An HTTP header name (RFC 9110 token) of a webhook's or an HTTP hook's request. */
  static final String HEADER_NAME_PATTERN = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}";

  static final String HEADER_NAME_MESSAGE = "must be an HTTP header name";
  static final int CHAINED_AFTER = 20;
  static final int HOOKS = 20;
  static final int MAX_PAUSE_AFTER_FAILURES = 1000;
  static final String SIZE_PATTERN = io.syncplan.contracts.policy.PlanLimits.SIZE_PATTERN;
  static final String SIZE_MESSAGE = io.syncplan.contracts.policy.PlanLimits.SIZE_MESSAGE;
  static final int MAX_TRANSFERS = io.syncplan.contracts.policy.PlanLimits.MAX_TRANSFERS;
  static final int MAX_MULTI_THREAD_STREAMS =
      io.syncplan.contracts.policy.PlanLimits.MAX_MULTI_THREAD_STREAMS;
  static final int MIN_MAX_DURATION_SECONDS =
      io.syncplan.contracts.policy.PlanLimits.MIN_MAX_DURATION_SECONDS;
  static final int MAX_ATTEMPTS = io.syncplan.contracts.policy.PlanLimits.MAX_ATTEMPTS;
  static final int MAX_RETRY_DELAY_SECONDS =
      io.syncplan.contracts.policy.PlanLimits.MAX_RETRY_DELAY_SECONDS;
  static final String MAX_BACKOFF_MULTIPLIER =
      "" + io.syncplan.contracts.policy.PlanLimits.MAX_BACKOFF_MULTIPLIER;
  static final int MAX_KEEP_DAYS = io.syncplan.contracts.policy.PlanLimits.MAX_KEEP_DAYS;
  static final int MAX_KEEP_COUNT = io.syncplan.contracts.policy.PlanLimits.MAX_KEEP_COUNT;
  static final int MAX_MIN_FILES = io.syncplan.contracts.policy.PlanLimits.MAX_MIN_FILES;

  private PlanLimits() {}
}
