package io.syncplan.notification;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** Reads what a real SMTP server received. */
public final class Mails {

  private Mails() {}

  public static List<String> recipients(MimeMessage message) throws Exception {
    Address[] to = message.getRecipients(Message.RecipientType.TO);
    return Arrays.stream(to).map(Address::toString).toList();
  }

  /** The body part of a MIME type such as {@code text/plain} or {@code text/html}. */
  public static String body(MimeMessage message, String mimeType) throws Exception {
    String found = find(message, mimeType);
    if (found == null) {
      throw new AssertionError("no " + mimeType + " part in " + message.getSubject());
    }
    return found;
  }

  private static String find(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      // SMTP carries CRLF line ends; tests compare with LF.
      return ((String) part.getContent()).replace("\r\n", "\n");
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = find(child, mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
