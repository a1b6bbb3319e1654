package io.syncplan.plan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * plan-service with its history upkeep on a fast clock: a run nothing is heard of for 2 s is asked
 * after, at most once more, then ended; a plan keeps 3 finished runs; a plan's outbox holds at most
 * 64 KB. On a database of its own, so that the runs other tests leave behind are not touched. Test
 * classes with this annotation share one context; the reconciler of this context asks after and
 * ends the runs that a class before left unfinished, so a class that counts what it reconciles
 * clears the runs first (RunReconcileTest).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PlanServiceTest
@TestPropertySource(
    properties = {
      "spring.mongodb.database=syncplan-plans-maintenance",
      "syncplan.runs.reconcile.stale-after=2s",
      "syncplan.runs.reconcile.interval=300ms",
      "syncplan.runs.reconcile.resends=1",
      "syncplan.runs.retention.per-plan=3",
      "syncplan.runs.retention.max-age=30d",
      "syncplan.runs.retention.deliveries-max-age=10d",
      "syncplan.runs.retention.interval=1h",
      "syncplan.outbox.max-pending=64KB",
      "syncplan.outbox.retry-after=7s",
      // the tests fill outboxes and sweep histories with bursts of requests from one key
      "syncplan.security.rate-limit.enabled=false"
    })
public @interface HistoryMaintenanceTest {}
