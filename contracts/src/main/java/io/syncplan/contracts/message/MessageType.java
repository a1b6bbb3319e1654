package io.syncplan.contracts.message;

import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunHeld;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message type, its name on the wire, its schema version and the record it is read into.
 * Adding a field to a payload keeps the version (readers ignore fields they do not know); removing
 * or changing one raises it.
 */
public enum MessageType {
  PLAN_CHANGED("plan.changed", 1, PlanChanged.class),
  PLAN_INIT_REQUESTED("plan.init-requested", 1, PlanInitRequested.class),
  PLAN_INITIALIZED("plan.initialized", 1, PlanInitialized.class),
  REVISION_CLEANUP_REQUESTED("plan.revision-cleanup-requested", 1, RevisionCleanupRequested.class),
  REVISIONS_CLEANED("plan.revisions-cleaned", 1, RevisionsCleaned.class),
  DESTINATION_PURGE_REQUESTED(
      "plan.destination-purge-requested", 1, DestinationPurgeRequested.class),
  DESTINATION_PURGED("plan.destination-purged", 1, DestinationPurged.class),
  REVISION_INDEXED("plan.revision-indexed", 1, RevisionIndexed.class),
  REVISION_INDEX_REQUESTED("plan.revision-index-requested", 1, RevisionIndexRequested.class),
  REVISION_INDEX_COMPLETED("plan.revision-index-completed", 1, RevisionIndexCompleted.class),
  CURRENT_VERSION_REQUESTED("plan.current-version-requested", 1, CurrentVersionRequested.class),
  CURRENT_VERSION_FOUND("plan.current-version-found", 1, CurrentVersionFound.class),
  PLAN_NEEDS_RESYNC("plan.needs-resync", 1, ResyncNeeded.class),

  STORAGE_TEST_REQUESTED("storage.test-requested", 1, StorageTestRequested.class),
  STORAGE_TESTED("storage.tested", 1, StorageTested.class),

  SCHEDULE_UPDATED("schedule.updated", 1, ScheduleUpdated.class),

  TEST_NOTIFICATION_REQUESTED("notification.test-requested", 1, TestNotificationRequested.class),
  DELIVERY_UPDATED("notification.delivery-updated", 1, DeliveryUpdated.class),

  RUN_REQUESTED("run.requested", 1, RunRequested.class),
  RUN_CANCEL_REQUESTED("run.cancel-requested", 1, CancelRequested.class),

  RUN_QUEUED("run.queued", 1, RunQueued.class),
  RUN_STARTED("run.started", 1, RunStarted.class),
  RUN_PROGRESS("run.progress", 1, RunProgress.class),
  RUN_RETRYING("run.retrying", 1, RunRetrying.class),
  RUN_HOOK_RAN("run.hook-ran", 1, HookRan.class),
  RUN_CHANGES("run.changes", 1, RunChangeList.class),
  RUN_SUCCEEDED("run.succeeded", 1, RunFinished.class),
  RUN_PARTIAL("run.partial", 1, RunFinished.class),
  RUN_FAILED("run.failed", 1, RunFinished.class),
  RUN_CANCELLED("run.cancelled", 1, RunFinished.class),

  RUN_HELD("run.held", 1, RunHeld.class);

  private static final Map<String, MessageType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(MessageType::wireName, Function.identity()));

  private static final Map<Class<? extends Message>, List<MessageType>> BY_PAYLOAD_TYPE =
      Arrays.stream(values()).collect(Collectors.groupingBy(MessageType::payloadType));

  private final String wireName;
  private final int schemaVersion;
  private final Class<? extends Message> payloadType;

  MessageType(String wireName, int schemaVersion, Class<? extends Message> payloadType) {
    this.wireName = wireName;
    this.schemaVersion = schemaVersion;
    this.payloadType = payloadType;
  }

  public String wireName() {
    return wireName;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  public Class<? extends Message> payloadType() {
    return payloadType;
  }

  /** The type with this wire name; throws {@link UnreadableMessageException} for an unknown one. */
  public static MessageType fromWireName(String wireName) {
    MessageType type = BY_WIRE_NAME.get(wireName);
    if (type == null) {
      throw new UnreadableMessageException("unknown message type: " + wireName);
    }
    return type;
  }

  /**
   * The one type whose payload is this record. A record that is the payload of several types
   * ({@link RunFinished}) says which one it is itself, by overriding {@link Message#messageType()}.
   */
  static MessageType ofPayload(Class<? extends Message> payloadType) {
    List<MessageType> types = BY_PAYLOAD_TYPE.getOrDefault(payloadType, List.of());
    if (types.size() != 1) {
      throw new IllegalStateException(
          payloadType.getSimpleName()
              + " is the payload of "
              + (types.isEmpty() ? "no message type" : types)
              + ": it must be the payload of exactly one, or override messageType()");
    }
    return types.get(0);
  }
}
