package io.syncplan.notification.delivery;

/** Where one notification to one channel stands. */
enum DeliveryStatus {
  /** Claimed; waiting for its first or its next attempt. */
  PENDING,
  /** An attempt is in flight. */
  SENDING,
  DELIVERED,
  /** Given up: every attempt failed, the receiver refused it, or an attempt was interrupted. */
  FAILED;

  /** The status published in events: an attempt in flight is still pending to the outside. */
  String published() {
    return this == SENDING ? PENDING.name() : name();
  }
}
