package io.syncplan.support;

import io.micrometer.context.ThreadLocalAccessor;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Lets a listener's {@code planId} and {@code runId} logging context travel with its work when a
 * reactive chain hops to another thread, wherever context is propagated: in {@code handle} and
 * {@code tap} after {@code contextCapture()}, or everywhere with {@code
 * spring.reactor.context-propagation=auto}. Registered through {@code META-INF/services}.
 */
public final class EnvelopeMdcAccessor implements ThreadLocalAccessor<Map<String, String>> {

  public static final String KEY = "syncplan.envelope-mdc";

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Map<String, String> getValue() {
    String planId = MDC.get(EnvelopeMdc.PLAN_ID);
    String runId = MDC.get(EnvelopeMdc.RUN_ID);
    if (planId == null && runId == null) {
      return null;
    }
    Map<String, String> values = new HashMap<>(2);
    if (planId != null) {
      values.put(EnvelopeMdc.PLAN_ID, planId);
    }
    if (runId != null) {
      values.put(EnvelopeMdc.RUN_ID, runId);
    }
    return values;
  }

  @Override
  public void setValue(Map<String, String> values) {
    setValue();
    values.forEach(MDC::put);
  }

  @Override
  public void setValue() {
    MDC.remove(EnvelopeMdc.PLAN_ID);
    MDC.remove(EnvelopeMdc.RUN_ID);
  }
}
