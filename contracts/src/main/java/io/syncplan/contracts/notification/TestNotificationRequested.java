package io.syncplan.contracts.notification;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;

/** Asks notification-service to send a test notification to every channel of a plan. */
public record TestNotificationRequested(String planId, String requestId) implements Message {

  @Override
  public MessageType messageType() {
    return MessageType.TEST_NOTIFICATION_REQUESTED;
  }
}
