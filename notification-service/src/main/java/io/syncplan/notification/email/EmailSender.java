package io.syncplan.notification.email;

import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.channel.EmailChannel;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationTemplates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a notification as an email with a plain-text and an HTML body, both from templates. SMTP is
 * blocking, so it runs on a small pool of its own and never on an event-loop thread.
 */
@Component
public class EmailSender implements DisposableBean {

  private static final int SMTP_THREADS = 4;

  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationTemplates templates;
  private final String from;
  private final Scheduler smtp =
      Schedulers.newBoundedElastic(SMTP_THREADS, 10_000, "notification-smtp");

  EmailSender(
      ObjectProvider<JavaMailSender> mail,
      NotificationTemplates templates,
      NotificationProperties properties) {
    this.mail = mail;
    this.templates = templates;
    this.from = properties.email().from();
  }

  public Mono<AttemptResult> send(EmailChannel email, Notification notification) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return Mono.just(
          AttemptResult.rejected(null, "email is not configured: set spring.mail.host"));
    }
    InternetAddress to;
    try {
      to = new InternetAddress(email.address(), true);
    } catch (AddressException e) {
      return Mono.just(AttemptResult.rejected(null, "not a valid email address"));
    }
    return Mono.fromCallable(
            () -> {
              sender.send(message(sender, to, notification));
              return AttemptResult.delivered(250);
            })
        .subscribeOn(smtp)
        .onErrorResume(error -> Mono.just(SmtpFailures.classify(error)));
  }

  private MimeMessage message(JavaMailSender sender, InternetAddress to, Notification notification)
      throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to);
    helper.setSubject(templates.render("mail/subject.txt", notification));
    helper.setText(
        templates.render("mail/body.txt", notification),
        templates.render("mail/body.html", notification));
    // RFC 3834: an automatic message; auto-responders should not answer it.
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Syncplan-Event-Id", notification.eventId());
    return message;
  }

  @Override
  public void destroy() {
    smtp.dispose();
  }
}
