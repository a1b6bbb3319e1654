package io.syncplan.notification.delivery;

import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.channel.Channel;
import io.syncplan.notification.channel.EmailChannel;
import io.syncplan.notification.channel.WebhookChannel;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.email.EmailSender;
import io.syncplan.notification.webhook.WebhookSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Makes one attempt to reach a channel of either kind. */
@Component
class ChannelSender {

  private final EmailSender email;
  private final WebhookSender webhooks;

  ChannelSender(EmailSender email, WebhookSender webhooks) {
    this.email = email;
    this.webhooks = webhooks;
  }

  /** Never fails: every way an attempt can go wrong is an {@link AttemptResult}. */
  Mono<AttemptResult> send(Channel channel, Notification notification) {
    Mono<AttemptResult> attempt =
        channel instanceof EmailChannel address
            ? email.send(address, notification)
            : webhooks.send((WebhookChannel) channel, notification);
    return attempt.onErrorResume(
        error ->
            Mono.just(
                AttemptResult.retryable(
                    null, "unexpected: " + error.getClass().getSimpleName(), null)));
  }
}
