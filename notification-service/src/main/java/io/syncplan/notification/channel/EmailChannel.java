package io.syncplan.notification.channel;

import java.util.Locale;
import java.util.Objects;

/** An email recipient. */
public record EmailChannel(String address) implements Channel {

  public EmailChannel {
    Objects.requireNonNull(address, "address");
    address = address.trim();
  }

  @Override
  public String id() {
    return "email:" + address.toLowerCase(Locale.ROOT);
  }
}
