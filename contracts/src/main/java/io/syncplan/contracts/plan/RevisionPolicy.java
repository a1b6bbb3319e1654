package io.syncplan.contracts.plan;

/**
 * How long a MIRROR_WITH_REVISIONS plan keeps the versions it replaced. A revision folder is
 * removed when it is older than {@code keepDays} or not among the newest {@code keepCount}; a null
 * limit does not apply.
 */
public record RevisionPolicy(Integer keepDays, Integer keepCount) {

  public static final RevisionPolicy DEFAULT = new RevisionPolicy(30, null);
}
