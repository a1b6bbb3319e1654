package io.syncplan.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelIdsTest {

  @Test
  void aWebhookIsNamedByItsHostAndAHashNeverByItsPathOrQuery() {
    String id = ChannelIds.webhook("https://hooks.slack.com/services/T0/B0/abcSECRET?token=xyz");

    assertThat(id).matches("webhook:hooks\\.slack\\.com#[0-9a-f]{12}");
    assertThat(id).doesNotContain("SECRET").doesNotContain("xyz").doesNotContain("services");
  }

  @Test
  void twoWebhooksOnOneHostHaveDifferentIdsAndOneUrlAlwaysTheSame() {
    String first = ChannelIds.webhook("https://discord.com/api/webhooks/1/aaa");
    String second = ChannelIds.webhook("https://discord.com/api/webhooks/2/bbb");

    assertThat(first).isNotEqualTo(second);
    assertThat(ChannelIds.webhook("https://discord.com/api/webhooks/1/aaa")).isEqualTo(first);
  }

  @Test
  void aPortIsPartOfTheHostAndAnUnparsableUrlIsStillNamedSafely() {
    assertThat(ChannelIds.webhook("http://127.0.0.1:8081/hook"))
        .startsWith("webhook:127.0.0.1:8081#");
    assertThat(ChannelIds.webhook("not a url with secret"))
        .startsWith("webhook:invalid#")
        .doesNotContain("secret");
  }

  @Test
  void anEmailAddressIsNamedInLowerCase() {
    assertThat(new EmailChannel(" Ops@Example.COM ").id()).isEqualTo("email:ops@example.com");
  }
}
