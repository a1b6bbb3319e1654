package io.syncplan.notification.delivery;

/** Where one notification to one channel stands. */
public enum DeliveryStatus {
  /** Claimed by an instance, being sent. */
  PENDING,
  DELIVERED,
  /** Every attempt failed. */
  FAILED
}
