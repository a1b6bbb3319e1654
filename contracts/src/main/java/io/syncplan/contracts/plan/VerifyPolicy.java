package io.syncplan.contracts.plan;

/**
 * Whether and how a plan proves by itself that its destination matches its source.
 *
 * @param after when a verification runs by itself; NEVER when not given
 * @param method how it compares; {@link #DEFAULT_METHOD} when not given
 */
public record VerifyPolicy(VerifyAfter after, VerifyMethod method) {

  /** The method a verification uses when nobody names one. */
  public static final VerifyMethod DEFAULT_METHOD = VerifyMethod.CHECKSUM;

  public static final VerifyPolicy DEFAULT = new VerifyPolicy(VerifyAfter.NEVER, DEFAULT_METHOD);

  public VerifyPolicy {
    after = after == null ? VerifyAfter.NEVER : after;
    method = method == null ? DEFAULT_METHOD : method;
  }
}
