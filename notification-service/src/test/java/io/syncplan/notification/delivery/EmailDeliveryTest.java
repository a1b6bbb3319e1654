package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.plan;
import static io.syncplan.notification.Fixtures.succeeded;
import static io.syncplan.notification.delivery.DeliveryAssertions.WAIT;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.Mails;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.notification.channel.ChannelIds;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Emails through GreenMail, a real SMTP server on loopback. */
@NotificationServiceTest
class EmailDeliveryTest {

  static final int SMTP_PORT = freePort();
  static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("syncplan.notifications.email.from", () -> "syncplan@example.com");
    registry.add("syncplan.notifications.defaults.emails[0].address", () -> "ops@example.com");
    // Enough attempts to outlast an SMTP server that is down for a moment.
    registry.add("syncplan.notifications.delivery.max-attempts", () -> 30);
  }

  @Autowired DeliveryLog deliveries;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.NOTIFICATION_EVENTS);
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void failedRunIsEmailedToThePlanAndTheOperationsAddressWithBothBodies() throws Exception {
    String planId = newId();
    String alice = "alice-" + planId + "@example.com";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(plan(planId, "docs & photos", List.of(new EmailTarget(alice, null)), List.of())));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    List<Delivery> settled = awaitSettled(deliveries, runId, 2);
    assertThat(settled).extracting(Delivery::status).containsOnly(DeliveryStatus.DELIVERED);
    assertThat(settled)
        .extracting(Delivery::channel)
        .containsExactlyInAnyOrder("email:" + alice, "email:ops@example.com");
    List<MimeMessage> mails = mailsAbout(runId, 2);
    for (MimeMessage mail : mails) {
      assertThat(mail.getSubject()).isEqualTo("[syncplan] docs & photos failed");
      assertThat(mail.getFrom()[0].toString()).isEqualTo("syncplan@example.com");
      assertThat(mail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    }
    assertThat(mails)
        .extracting(mail -> Mails.recipients(mail).get(0))
        .containsExactlyInAnyOrder(alice, "ops@example.com");

    String text = Mails.body(mails.get(0), "text/plain");
    assertThat(text)
        .contains("The sync plan \"docs & photos\" failed.")
        .contains("Plan:         docs & photos (" + planId + ")")
        .contains("Mode:         MIRROR")
        .contains("Source:       /data/docs & photos")
        .contains("Destination:  offsite:backup/docs & photos")
        .contains("Run:          " + runId)
        .contains("Started:      20")
        .contains("Finished:     20")
        .contains("Duration:     4 s")
        .contains("Files added:     1")
        .contains("Files checked:   10")
        .contains("Transferred:     2.0 KiB")
        .contains("Errors:          1")
        .contains("Error: RCLONE_ERROR (rclone exit code 3)")
        .contains("directory not found")
        .contains("Last log lines:\n  line one\n  ERROR : backup: directory not found\n  last line")
        .contains("Details: https://syncplan.example.com/api/v1/runs/" + runId);
    String html = Mails.body(mails.get(0), "text/html");
    assertThat(html)
        .contains("<strong>docs &amp; photos</strong>")
        .contains("<td>MIRROR</td>")
        .contains("<code>offsite:backup/docs &amp; photos</code>")
        .contains("<td>4 s</td>")
        .contains("<td align=\"right\">2.0 KiB</td>")
        .contains("<code>RCLONE_ERROR</code>")
        .contains("ERROR : backup: directory not found")
        .contains("<a href=\"https://syncplan.example.com/api/v1/runs/" + runId + "\">");
  }

  @Test
  void aPlanThatNeedsAResyncIsEmailedToAddressesThatNameNoOutcome() throws Exception {
    String planId = newId();
    String alice = "alice-" + planId + "@example.com";
    String successesOnly = "successes-" + planId + "@example.com";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            plan(
                planId,
                "two-way",
                List.of(
                    new EmailTarget(alice, null),
                    new EmailTarget(successesOnly, Set.of(Outcome.SUCCESS))),
                List.of())));
    String runId = newId();

    kafka.send(
        Topics.RUN_EVENTS,
        envelope(
            new ResyncNeeded(
                planId,
                runId,
                ResyncNeeded.CRITICAL_ABORT,
                "bisync stopped on a critical error",
                java.time.Instant.now())));

    List<Delivery> settled = awaitSettled(deliveries, runId, 2);
    assertThat(settled)
        .extracting(Delivery::channel)
        .containsExactlyInAnyOrder("email:" + alice, "email:ops@example.com");
    MimeMessage mail = mailsAbout(runId, 2).get(0);
    assertThat(mail.getSubject()).isEqualTo("[syncplan] two-way needs a resync");
    assertThat(Mails.body(mail, "text/plain"))
        .contains("The sync plan \"two-way\" needs a resync.")
        .contains("Error: CRITICAL_ABORT")
        .contains("bisync stopped on a critical error. Its runs are refused");
  }

  @Test
  void successesReachOnlyAddressesThatAskForThemAndChangesOnlyWhenFilesChanged() throws Exception {
    String planId = newId();
    String failuresOnly = "failures-" + planId + "@example.com";
    String changes = "changes-" + planId + "@example.com";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            plan(
                planId,
                "docs",
                List.of(
                    new EmailTarget(failuresOnly, null),
                    new EmailTarget(changes, Set.of(Outcome.SUCCESS, Outcome.CHANGES_ONLY))),
                List.of())));
    String quiet = newId();
    String busy = newId();
    String broken = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(succeeded(planId, quiet, RunStats.EMPTY)));
    kafka.send(
        Topics.RUN_EVENTS, envelope(succeeded(planId, busy, new RunStats(2, 0, 0, 0, 10, 2, 0))));
    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, broken)));

    // A batch of events is claimed before the next is read: once an event sent after the failure
    // was delivered is settled, every earlier one of the plan was handled.
    awaitSettled(deliveries, broken, 2);
    String marker = newId();
    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, marker)));
    awaitSettled(deliveries, marker, 2);
    assertThat(deliveries.ofRun(quiet).collectList().block()).isEmpty();
    assertThat(awaitSettled(deliveries, busy, 1))
        .extracting(Delivery::channel)
        .containsExactly("email:" + changes);
    assertThat(mailsTo(failuresOnly)).hasSize(2);
    assertThat(mailsTo(failuresOnly))
        .extracting(MimeMessage::getSubject)
        .containsOnly("[syncplan] docs failed");
    assertThat(mailsTo(changes))
        .extracting(MimeMessage::getSubject)
        .containsExactly("[syncplan] docs succeeded");
  }

  @Test
  void testNotificationReachesEveryChannelOfThePlanOnce() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      String planId = newId();
      String alice = "alice-" + planId + "@example.com";
      kafka.send(
          Topics.PLAN_EVENTS,
          envelope(
              plan(
                  planId,
                  "docs",
                  List.of(new EmailTarget(alice, Set.of(Outcome.FAILURE))),
                  List.of(
                      Fixtures.webhook(
                          planId,
                          receiver.url("/hook"),
                          Set.of(Outcome.SUCCESS),
                          null,
                          null,
                          null)))));
      String requestId = newId();
      Envelope<TestNotificationRequested> request =
          envelope(new TestNotificationRequested(planId, requestId));

      kafka.send(Topics.NOTIFICATION_COMMANDS, request);
      kafka.send(
          Topics.NOTIFICATION_COMMANDS, envelope(new TestNotificationRequested(planId, requestId)));

      List<MimeMessage> mails = awaitMailsTo(alice, 1);
      assertThat(mails.get(0).getSubject()).isEqualTo("[syncplan] docs: test notification");
      assertThat(Mails.body(mails.get(0), "text/plain"))
          .contains("This is a test notification for the sync plan \"docs\"");
      JsonNode body =
          JsonMapper.builder()
              .build()
              .readTree(receiver.awaitRequests(requestId, 1, WAIT).get(0).getBody().toByteArray());
      assertThat(body.get("test").asBoolean()).isTrue();
      assertThat(body.get("outcome").asString()).isEqualTo("TEST");
      assertThat(body.get("eventType").asString()).isEqualTo("notification.test");
      assertThat(body.at("/plan/name").asString()).isEqualTo("docs");
      Awaitility.await()
          .atMost(WAIT)
          .until(
              () ->
                  deliveries.ofEvent(requestId).collectList().block().stream()
                          .filter(DeliveryAssertions::settled)
                          .count()
                      == 2);
      // Not the operations address: a test is about the plan's own channels.
      assertThat(deliveries.ofEvent(requestId).map(Delivery::channel).collectList().block())
          .containsExactlyInAnyOrder("email:" + alice, ChannelIds.webhook(receiver.url("/hook")));
      assertThat(mailsTo(alice)).hasSize(1);
      assertThat(receiver.requestsFor(requestId)).hasSize(1);
    }
  }

  @Test
  void anSmtpServerThatIsDownGetsTheEmailOnceItIsBack() throws Exception {
    String planId = newId();
    String alice = "alice-" + planId + "@example.com";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(plan(planId, "docs", List.of(new EmailTarget(alice, null)), List.of())));
    String runId = newId();
    Envelope<RunFinished> failure = envelope(failed(planId, runId));
    SMTP.stop();
    try {
      kafka.send(Topics.RUN_EVENTS, failure);

      Awaitility.await()
          .atMost(WAIT)
          .until(
              () ->
                  deliveries.ofRun(runId).collectList().block().stream()
                      .anyMatch(d -> d.attempts() >= 2 && d.lastError() != null));
    } finally {
      SMTP.start();
    }

    List<Delivery> settled = awaitSettled(deliveries, runId, 2);
    assertThat(settled).extracting(Delivery::status).containsOnly(DeliveryStatus.DELIVERED);
    assertThat(mailsTo(alice)).hasSize(1);
  }

  private static List<MimeMessage> mailsAbout(String runId, int count) {
    Awaitility.await().atMost(WAIT).until(() -> mailsContaining(runId).size() >= count);
    return mailsContaining(runId);
  }

  private static List<MimeMessage> mailsContaining(String text) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            mail -> {
              try {
                return Mails.body(mail, "text/plain").contains(text);
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static List<MimeMessage> awaitMailsTo(String address, int count) {
    Awaitility.await().atMost(WAIT).until(() -> mailsTo(address).size() >= count);
    return mailsTo(address);
  }

  private static List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            mail -> {
              try {
                return Mails.recipients(mail).contains(address);
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
