package io.syncplan.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares for trace context, below everything a service or an operator sets
 * (any {@code <service>.yml}, environment variable or argument overrides them):
 *
 * <ul>
 *   <li>W3C {@code traceparent} on every Kafka record and HTTP call; B3 is still understood on the
 *       way in.
 *   <li>Every trace sampled, so trace ids reach every log line of a run; spans are only exported
 *       when an exporter is switched on ({@code MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED=true} and
 *       {@code MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT}), which is off by default.
 * </ul>
 */
public final class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "syncplanObservabilityDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("management.tracing.propagation.produce", "w3c");
    defaults.put("management.tracing.sampling.probability", "1.0");
    defaults.put("management.tracing.export.zipkin.enabled", "false");
    defaults.put("spring.kafka.template.observation-enabled", "true");
    defaults.put("spring.kafka.listener.observation-enabled", "true");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
