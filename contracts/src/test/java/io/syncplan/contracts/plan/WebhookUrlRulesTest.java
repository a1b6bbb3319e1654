package io.syncplan.contracts.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookUrlRulesTest {

  @Test
  void plainFormatsTakeAnyHttpUrl() {
    assertThat(problem(WebhookFormat.JSON, "https://hooks.example.com/x")).isNull();
    assertThat(problem(WebhookFormat.NTFY, "http://ntfy.example.com/topic")).isNull();
    assertThat(problem(WebhookFormat.SLACK, "ftp://hooks.example.com/x"))
        .isEqualTo("must be an http or https URL");
  }

  @Test
  void gotifyNeedsTheMessageEndpointAndAnApplicationToken() {
    assertThat(problem(WebhookFormat.GOTIFY, "https://gotify.example.com/message?token=AbC"))
        .isNull();
    assertThat(
            WebhookUrlRules.problem(
                WebhookFormat.GOTIFY, "https://gotify.example.com/message", Set.of("x-gotify-key")))
        .isEmpty();
    assertThat(problem(WebhookFormat.GOTIFY, "https://gotify.example.com/message"))
        .contains("application token");
    assertThat(problem(WebhookFormat.GOTIFY, "https://gotify.example.com/?token=AbC"))
        .contains("/message endpoint");
  }

  @Test
  void telegramNeedsTheBotTokenSendMessageAndAChat() {
    String bot = "https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    assertThat(problem(WebhookFormat.TELEGRAM, bot + "/sendMessage?chat_id=-1001234567890"))
        .isNull();
    assertThat(problem(WebhookFormat.TELEGRAM, bot + "/sendMessage?chat_id=%40backups_team"))
        .isNull();
    assertThat(problem(WebhookFormat.TELEGRAM, bot + "/sendMessage")).contains("chat_id");
    assertThat(problem(WebhookFormat.TELEGRAM, bot + "/getUpdates?chat_id=1")).contains("chat_id");
    assertThat(
            problem(
                WebhookFormat.TELEGRAM, "https://api.telegram.org/sendMessage?chat_id=12345678"))
        .contains("bot<token>");
    assertThat(
            WebhookUrlRules.telegramChat(URI.create(bot + "/sendMessage?chat_id=%40backups_team")))
        .contains("@backups_team");
  }

  @Test
  void teamsNeedsAWorkflowsUrlAndSaysConnectorsAreRetired() {
    assertThat(
            problem(
                WebhookFormat.TEAMS,
                "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b/triggers/manual"
                    + "/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun"
                    + "&sv=1.0&sig=abc"))
        .isNull();
    assertThat(
            problem(
                WebhookFormat.TEAMS,
                "https://default0a.2b.environment.api.powerplatform.com:443/powerautomate"
                    + "/automations/direct/workflows/9f/triggers/manual/paths/invoke"
                    + "?api-version=1&sig=xyz"))
        .isNull();
    assertThat(
            problem(
                WebhookFormat.TEAMS,
                "https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d"))
        .contains("retired");
    assertThat(
            problem(
                WebhookFormat.TEAMS,
                "https://prod-12.westeurope.logic.azure.com/workflows/0a1b/triggers/manual"
                    + "/paths/invoke?api-version=2016-06-01"))
        .contains("sig=");
  }

  @Test
  void aPingUrlNamesTheCheckAndLeavesTheSignalToSyncplan() {
    assertThat(
            problem(
                WebhookFormat.HEALTHCHECKS, "https://hc-ping.com/eb095278-f28d-448d-87fb-7b75c171"))
        .isNull();
    assertThat(problem(WebhookFormat.HEALTHCHECKS, "https://hc.example.com/ping/k3y/db-backup"))
        .isNull();
    assertThat(problem(WebhookFormat.HEALTHCHECKS, "https://kuma.example.com/api/push/Ab12Cd34"))
        .isNull();
    assertThat(problem(WebhookFormat.HEALTHCHECKS, "https://hc-ping.com/eb095278/fail"))
        .contains("adds /start and /fail");
    assertThat(problem(WebhookFormat.HEALTHCHECKS, "https://hc-ping.com/")).contains("name");
    assertThat(WebhookUrlRules.isKumaPush(URI.create("https://kuma.example.com/api/push/Ab12")))
        .isTrue();
    assertThat(WebhookUrlRules.isKumaPush(URI.create("https://hc-ping.com/eb095278"))).isFalse();
  }

  private static String problem(WebhookFormat format, String url) {
    return WebhookUrlRules.problem(format, url, Set.of()).orElse(null);
  }
}
