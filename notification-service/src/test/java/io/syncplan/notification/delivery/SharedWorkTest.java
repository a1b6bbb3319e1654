package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.Fixtures.succeeded;
import static io.syncplan.notification.Receiver.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.notification.rule.PlanRulesStore;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The cluster invariant: instances that share the run events (one consumer group) and an instance
 * that sees every event too (another group, as a redelivery after a rebalance would), with every
 * event published twice, a receiver that now and then answers 503, and one instance stopped
 * half-way, still deliver each (event, channel) exactly once, and lose none.
 */
@WithKafkaAndMongo
class SharedWorkTest {

  static final int PLANS = 10;
  static final int RUNS_PER_PLAN = 10;
  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void instancesSharingAndRacingForTheWorkDeliverEveryNotificationExactlyOnce(
      TestInfrastructure infrastructure) throws Exception {
    List<ConfigurableApplicationContext> instances = new ArrayList<>();
    try (Receiver receiver =
            Receiver.start().answering(n -> n % 7 == 0 ? status(503) : status(204));
        KafkaRecorder recorder =
            KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.NOTIFICATION_EVENTS);
        KafkaProducer<String, Envelope<?>> producer = producer(infrastructure)) {
      ConfigurableApplicationContext first = start("notification-shared");
      instances.add(first);
      instances.add(start("notification-shared"));
      instances.add(start("notification-rival"));
      awaitAssigned(instances.subList(0, 2), 6);
      awaitAssigned(instances.subList(2, 3), 6);

      List<String> planIds = new ArrayList<>();
      for (int i = 0; i < PLANS; i++) {
        String planId = newId();
        planIds.add(planId);
        send(
            producer,
            Topics.PLAN_EVENTS,
            envelope(
                planWithWebhooks(
                    planId,
                    Fixtures.webhook(planId, receiver.url("/" + i + "/a")),
                    Fixtures.webhook(planId, receiver.url("/" + i + "/b")))));
      }
      PlanRulesStore rules = first.getBean(PlanRulesStore.class);
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> planIds.stream().allMatch(id -> rules.find(id).block() != null));

      List<Envelope<?>> events = new ArrayList<>();
      for (int run = 0; run < RUNS_PER_PLAN; run++) {
        for (String planId : planIds) {
          events.add(
              envelope(
                  run % 2 == 0
                      ? failed(planId, newId())
                      : succeeded(planId, newId(), new RunStats(1, 0, 0, 0, 1, 1, 0))));
        }
      }
      int half = events.size() / 2;
      for (Envelope<?> event : events.subList(0, half)) {
        send(producer, Topics.RUN_EVENTS, event);
        send(producer, Topics.RUN_EVENTS, event);
      }
      producer.flush();
      Awaitility.await().atMost(WAIT).until(() -> !receiver.exchanges().isEmpty());
      // One of the sharing instances stops while deliveries are in flight and retrying.
      first.close();
      instances.remove(first);
      for (Envelope<?> event : events.subList(half, events.size())) {
        send(producer, Topics.RUN_EVENTS, event);
        send(producer, Topics.RUN_EVENTS, event);
      }
      producer.flush();

      int expected = events.size() * 2;
      ReactiveMongoTemplate mongo = instances.get(0).getBean(ReactiveMongoTemplate.class);
      List<Delivery> settled =
          Awaitility.await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () ->
                      mongo
                          .find(query(where("planId").in(planIds)), Delivery.class)
                          .collectList()
                          .block(),
                  all ->
                      all.size() == expected && all.stream().allMatch(DeliveryAssertions::settled));

      assertThat(settled).extracting(Delivery::status).containsOnly(DeliveryStatus.DELIVERED);
      Set<String> eventIds =
          events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
      List<Receiver.Exchange> ours =
          receiver.exchanges().stream().filter(x -> eventIds.contains(x.eventId())).toList();
      Map<String, Long> acceptedPerDelivery =
          ours.stream()
              .filter(Receiver.Exchange::accepted)
              .collect(Collectors.groupingBy(x -> x.eventId() + x.path(), Collectors.counting()));
      assertThat(acceptedPerDelivery).hasSize(expected);
      assertThat(new HashMap<>(acceptedPerDelivery).values()).containsOnly(1L);
      assertThat(ours).hasSize(settled.stream().mapToInt(Delivery::attempts).sum());
      assertThat(ours).anyMatch(x -> !x.accepted());
      Set<String> claimedBy =
          recorder.envelopes().stream()
              .filter(
                  e ->
                      e.payload() instanceof DeliveryUpdated updated
                          && eventIds.contains(updated.eventId())
                          && updated.attempts() == 1
                          && updated.lastResponseCode() == null)
              .map(Envelope::producer)
              .collect(Collectors.toSet());
      assertThat(claimedBy).contains("notification-shared", "notification-rival");
    } finally {
      instances.forEach(ConfigurableApplicationContext::close);
    }
  }

  private static ConfigurableApplicationContext start(String name) {
    return NotificationServiceApplication.application()
        .run(
            "--server.port=0",
            "--spring.application.name=" + name,
            "--syncplan.notifications.delivery.initial-backoff=50ms",
            "--syncplan.notifications.delivery.max-backoff=500ms",
            "--syncplan.notifications.delivery.max-attempts=10",
            "--syncplan.notifications.delivery.timeout=10s",
            "--syncplan.notifications.delivery.lease=30s",
            "--syncplan.notifications.delivery.sweep-interval=200ms",
            "--syncplan.network.allow=" + NotificationServiceTest.LOOPBACK);
  }

  /** Waits until the instances' run-event listeners together hold {@code partitions}. */
  private static void awaitAssigned(List<ConfigurableApplicationContext> group, int partitions) {
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                group.stream().mapToInt(context -> runEventPartitions(context)).sum()
                    == partitions);
  }

  private static int runEventPartitions(ConfigurableApplicationContext context) {
    int assigned = 0;
    for (MessageListenerContainer container :
        context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers()) {
      String[] topics = container.getContainerProperties().getTopics();
      if (topics != null && List.of(topics).contains(Topics.RUN_EVENTS)) {
        assigned += container.getAssignedPartitions().size();
      }
    }
    return assigned;
  }

  private static KafkaProducer<String, Envelope<?>> producer(TestInfrastructure infrastructure) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()),
        new StringSerializer(),
        new EnvelopeSerializer());
  }

  private static void send(
      KafkaProducer<String, Envelope<?>> producer, String topic, Envelope<?> envelope) {
    producer.send(new ProducerRecord<>(topic, envelope.planId(), envelope));
  }
}
