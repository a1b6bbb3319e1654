package io.syncplan.contracts.notification;

import io.syncplan.contracts.message.Message;

/** Asks notification-service to send a test notification to every channel of a plan. */
public record TestNotificationRequested(String planId, String requestId) implements Message {}
