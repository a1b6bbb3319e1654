package io.syncplan.support;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.Tracer;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A service made of service-support alone, with a record and a batch listener to watch. */
@SpringBootConfiguration
@EnableAutoConfiguration
class SupportTestApplication {

  static final String RECORD_TOPIC = "syncplan.support-test.records";
  static final String BATCH_TOPIC = "syncplan.support-test.batches";

  @Bean
  KafkaAdmin.NewTopics supportTestTopics() {
    return new KafkaAdmin.NewTopics(
        TopicBuilder.name(RECORD_TOPIC).partitions(1).build(),
        TopicBuilder.name(Topics.deadLetter(RECORD_TOPIC)).partitions(1).build(),
        TopicBuilder.name(BATCH_TOPIC).partitions(1).build(),
        TopicBuilder.name(Topics.deadLetter(BATCH_TOPIC)).partitions(1).build());
  }

  /** Built by hand, without Boot's configurer, as a service's own batch factory could be. */
  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> handMadeBatchFactory(
      ConsumerFactory<Object, Object> consumerFactory) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumerFactory);
    factory.setBatchListener(true);
    return factory;
  }

  @Bean
  FinishedSpans finishedSpans() {
    return new FinishedSpans();
  }

  /** The spans Brave finished, as an exporter would see them. */
  static final class FinishedSpans extends SpanHandler {
    final BlockingQueue<MutableSpan> spans = new LinkedBlockingQueue<>();

    @Override
    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
      spans.add(span);
      return true;
    }
  }

  /** What a listener saw while it handled a message. */
  record Seen(
      String listener,
      String traceparent,
      String currentTraceId,
      Map<String, String> mdc,
      List<String> types) {}

  @Component
  static class Listeners {

    static final Logger log = LoggerFactory.getLogger(Listeners.class);

    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final Tracer tracer;

    Listeners(Tracer tracer) {
      this.tracer = tracer;
    }

    @KafkaListener(topics = RECORD_TOPIC, groupId = "support-test-records")
    void onRecord(ConsumerRecord<String, Envelope<?>> record) {
      log.info("handling {}", record.value().type());
      Mono.just("worker")
          .publishOn(Schedulers.boundedElastic())
          .handle(
              (thread, sink) -> {
                log.info("still handling it on a {} thread", thread);
                sink.next(thread);
              })
          .contextCapture()
          .block();
      seen.add(
          new Seen(
              "record",
              traceparent(record),
              tracer.currentSpan() == null ? null : tracer.currentSpan().context().traceId(),
              MDC.getCopyOfContextMap(),
              List.of(record.value().type())));
    }

    @KafkaListener(
        topics = BATCH_TOPIC,
        groupId = "support-test-batches",
        containerFactory = "handMadeBatchFactory")
    void onBatch(List<ConsumerRecord<String, Envelope<?>>> records) {
      log.info("handling a batch of {}", records.size());
      seen.add(
          new Seen(
              "batch",
              traceparent(records.get(0)),
              null,
              MDC.getCopyOfContextMap(),
              records.stream().map(record -> record.value().type()).toList()));
    }

    private static String traceparent(ConsumerRecord<?, ?> record) {
      Header header = record.headers().lastHeader("traceparent");
      return header == null ? null : new String(header.value());
    }
  }
}
