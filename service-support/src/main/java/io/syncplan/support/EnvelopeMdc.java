package io.syncplan.support;

import io.syncplan.contracts.message.Envelope;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the plan and run of the message a listener handles into the logging context ({@value
 * #PLAN_ID}, {@value #RUN_ID}), so every line the listener writes can be found by plan and run;
 * structured logs carry them as fields. A batch sets them only when all its records share them, as
 * a line about a mixed batch belongs to no single plan. They are removed when the listener is done.
 */
public final class EnvelopeMdc
    implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

  public static final String PLAN_ID = "planId";
  public static final String RUN_ID = "runId";

  @Override
  public ConsumerRecord<Object, Object> intercept(
      ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
    if (record.value() instanceof Envelope<?> envelope) {
      put(envelope.planId(), envelope.runId());
    }
    return record;
  }

  @Override
  public void afterRecord(
      ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
    clear();
  }

  @Override
  public ConsumerRecords<Object, Object> intercept(
      ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
    String planId = null;
    String runId = null;
    boolean first = true;
    for (ConsumerRecord<Object, Object> record : records) {
      Envelope<?> envelope = record.value() instanceof Envelope<?> e ? e : null;
      String recordPlan = envelope == null ? null : envelope.planId();
      String recordRun = envelope == null ? null : envelope.runId();
      if (first) {
        planId = recordPlan;
        runId = recordRun;
        first = false;
      } else {
        planId = Objects.equals(planId, recordPlan) ? planId : null;
        runId = Objects.equals(runId, recordRun) ? runId : null;
      }
    }
    put(planId, runId);
    return records;
  }

  @Override
  public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
    clear();
  }

  @Override
  public void failure(
      ConsumerRecords<Object, Object> records,
      Exception exception,
      Consumer<Object, Object> consumer) {
    clear();
  }

  private static void put(String planId, String runId) {
    if (planId != null) {
      MDC.put(PLAN_ID, planId);
    }
    if (runId != null) {
      MDC.put(RUN_ID, runId);
    }
  }

  private static void clear() {
    MDC.remove(PLAN_ID);
    MDC.remove(RUN_ID);
  }
}
