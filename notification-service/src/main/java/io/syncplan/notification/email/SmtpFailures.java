package io.syncplan.notification.email;

import io.syncplan.notification.channel.AttemptResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Which SMTP failures are worth another attempt: a server that cannot be reached or answers with a
 * temporary 4xx reply is; a 5xx reply, a rejected login or a message that cannot be built is not.
 */
final class SmtpFailures {

  private SmtpFailures() {}

  static AttemptResult classify(Throwable error) {
    if (error instanceof MailAuthenticationException) {
      return AttemptResult.rejected(null, "the SMTP server refused the login");
    }
    if (error instanceof MailParseException || error instanceof MailPreparationException) {
      return AttemptResult.rejected(null, "the email could not be built: " + error.getMessage());
    }
    for (Throwable cause : causes(error)) {
      if (cause instanceof AddressException) {
        return AttemptResult.rejected(null, "invalid sender or recipient address");
      }
    }
    for (Throwable cause : causes(error)) {
      Integer code = replyCode(cause);
      if (code != null) {
        String text = "SMTP " + code + ": " + firstLine(cause.getMessage());
        return code >= 400 && code < 500
            ? AttemptResult.retryable(code, text, null)
            : AttemptResult.rejected(code, text);
      }
    }
    for (Throwable cause : causes(error)) {
      if (cause instanceof IOException) {
        return AttemptResult.retryable(
            null, "SMTP server unreachable: " + cause.getClass().getSimpleName(), null);
      }
    }
    return AttemptResult.retryable(null, "SMTP: " + firstLine(error.getMessage()), null);
  }

  private static Integer replyCode(Throwable cause) {
    if (cause instanceof SMTPSendFailedException failed) {
      return failed.getReturnCode();
    }
    if (cause instanceof SMTPAddressFailedException failed) {
      return failed.getReturnCode();
    }
    return null;
  }

  private static List<Throwable> causes(Throwable error) {
    List<Throwable> causes = new ArrayList<>();
    collect(error, causes);
    return causes;
  }

  private static void collect(Throwable error, List<Throwable> into) {
    if (error == null || into.contains(error) || into.size() > 20) {
      return;
    }
    into.add(error);
    if (error instanceof MailSendException send) {
      send.getFailedMessages().values().forEach(failed -> collect(failed, into));
    }
    if (error instanceof MessagingException messaging) {
      collect(messaging.getNextException(), into);
    }
    collect(error.getCause(), into);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
