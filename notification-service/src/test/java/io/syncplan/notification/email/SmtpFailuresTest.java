package io.syncplan.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.notification.channel.AttemptResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

class SmtpFailuresTest {

  @Test
  void aTemporarySmtpReplyIsRetriedAndAPermanentOneIsNot() throws Exception {
    AttemptResult busy = SmtpFailures.classify(sendFailed(451, "451 4.3.0 try again later"));
    AttemptResult refused = SmtpFailures.classify(sendFailed(550, "550 5.1.1 no such user"));

    assertThat(busy.retryable()).isTrue();
    assertThat(busy.responseCode()).isEqualTo(451);
    assertThat(refused.verdict()).isEqualTo(AttemptResult.Verdict.REJECTED);
    assertThat(refused.responseCode()).isEqualTo(550);
    assertThat(refused.error()).contains("550 5.1.1 no such user");
  }

  @Test
  void aServerThatCannotBeReachedIsRetried() {
    MailSendException down =
        new MailSendException(
            "Mail server connection failed",
            new MessagingException("Couldn't connect to host", new ConnectException("refused")));

    AttemptResult result = SmtpFailures.classify(down);

    assertThat(result.retryable()).isTrue();
    assertThat(result.error()).contains("ConnectException");
  }

  @Test
  void aRefusedLoginIsNotRetriedAndDoesNotRepeatTheServersWords() {
    AttemptResult result =
        SmtpFailures.classify(new MailAuthenticationException("535 auth failed for user x"));

    assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.REJECTED);
    assertThat(result.error()).isEqualTo("the SMTP server refused the login");
  }

  private static MailSendException sendFailed(int code, String reply) throws Exception {
    SMTPSendFailedException failed =
        new SMTPSendFailedException(
            "DATA",
            code,
            reply,
            null,
            new InternetAddress[0],
            new InternetAddress[0],
            new InternetAddress[] {new InternetAddress("a@example.com")});
    return new MailSendException(Map.of(new Object(), failed));
  }
}
