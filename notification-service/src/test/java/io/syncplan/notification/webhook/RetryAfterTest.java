package io.syncplan.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.support.webhook.WebhookUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void secondsAndHttpDatesAreBothUnderstood() {
    assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 10:01:30 GMT", clock))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void aDateInThePastMeansNowAndNonsenseMeansNothing() {
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-5", clock)).isEmpty();
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
  }

  @Test
  void onlyHttpAndHttpsUrlsWithAHostAreSentTo() {
    assertThat(WebhookUrls.parse("https://example.com/hook")).isPresent();
    assertThat(WebhookUrls.parse("HTTP://example.com/hook")).isPresent();
    assertThat(WebhookUrls.parse("file:///etc/passwd")).isEmpty();
    assertThat(WebhookUrls.parse("gopher://example.com/")).isEmpty();
    assertThat(WebhookUrls.parse("https:///no-host")).isEmpty();
    assertThat(WebhookUrls.parse("not a url")).isEmpty();
  }

  @Test
  void errorMessagesLoseTheUrlsPathAndQuery() {
    URI uri = URI.create("https://hooks.slack.com/services/T/B/token?x=secret");

    assertThat(
            WebhookUrls.scrub(
                "failed to POST https://hooks.slack.com/services/T/B/token?x=secret: reset", uri))
        .isEqualTo("failed to POST https://hooks.slack.com: reset");
    assertThat(WebhookUrls.scrub("path /services/T/B/token not found", uri))
        .isEqualTo("path /… not found");
  }
}
