package io.syncplan.scheduler.schedule;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.plan.PlanSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The schedules in MongoDB, one document per plan in the {@code schedules} collection. Every read
 * and write goes by plan id, so each costs the same with ten plans or a million, on MongoDB and on
 * the embedded store alike; nothing here needs a secondary index.
 *
 * <p>Each field has one writer: the plan fields come from plan events, the progress fields from the
 * firing loop, the finished runs from run events; active runs are only added to and removed from.
 * So the writers never need to read-modify-write, and never overwrite each other.
 *
 * <p>The plan snapshot and the schedule are stored as the JSON of the message codec: exactly what
 * the plan events carried, read back into the same records.
 */
@Component
public class ScheduleStore {

  static final String COLLECTION = "schedules";

  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
  private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private final ReactiveMongoTemplate mongo;
  private final MessageCodec codec = MessageCodec.shared();
  private final Clock clock;

  ScheduleStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** A plan change to store: the schedule after it, and the snapshot (null for a deletion). */
  public record PlanWrite(PlanSchedule schedule, PlanSnapshot plan) {}

  /** The runs of a plan that became active, and those that finished. */
  public record ActivityWrite(String planId, Set<String> started, Set<String> finished) {}

  private Mono<MongoCollection<Document>> collection() {
    return mongo.getCollection(COLLECTION);
  }

  /** Every stored schedule without its snapshot, as the replica taking over needs them. */
  public Flux<PlanSchedule> loadAll() {
    return collection()
        .flatMapMany(
            schedules ->
                Flux.from(schedules.find().projection(Projections.exclude("plan")).batchSize(5000)))
        .map(document -> StoredSchedules.restore(document, clock.instant()));
  }

  public Mono<Boolean> isEmpty() {
    return collection()
        .flatMap(
            schedules -> Mono.from(schedules.find().projection(Projections.include("_id")).first()))
        .map(any -> false)
        .defaultIfEmpty(true);
  }

  /** The stored snapshots of the given plans, by plan id; plans without one are left out. */
  public Mono<Map<String, PlanSnapshot>> snapshots(Collection<String> planIds) {
    if (planIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return collection()
        .flatMapMany(
            schedules ->
                Flux.from(
                    schedules
                        .find(in("_id", new ArrayList<>(planIds)))
                        .projection(Projections.include("plan"))
                        .batchSize(planIds.size())))
        .filter(document -> document.getString("plan") != null)
        .collectMap(
            document -> document.getString("_id"),
            document -> codec.fromJson(document.getString("plan"), PlanSnapshot.class));
  }

  /** Stores plan changes; a deletion keeps a marker until the deletion has been published. */
  public Mono<Void> savePlans(Collection<PlanWrite> writes) {
    List<WriteModel<Document>> models = new ArrayList<>();
    Date now = Date.from(clock.instant());
    for (PlanWrite write : writes) {
      PlanSchedule schedule = write.schedule();
      Bson byId = eq("_id", schedule.planId());
      if (schedule.deleted()) {
        models.add(
            new UpdateOneModel<>(
                byId,
                Updates.combine(
                    Updates.set("deleted", true),
                    Updates.set("planVersion", schedule.planVersion()),
                    Updates.unset("plan"),
                    Updates.set("updatedAt", now))));
      } else {
        models.add(
            new UpdateOneModel<>(
                byId,
                Updates.combine(
                    Updates.set("planVersion", schedule.planVersion()),
                    Updates.set("plan", codec.toJson(write.plan())),
                    Updates.set(
                        "schedule", schedule.spec() == null ? null : codec.toJson(schedule.spec())),
                    Updates.set("paused", schedule.paused()),
                    Updates.set("deleted", false),
                    Updates.set("pool", schedule.pool()),
                    Updates.set("priority", schedule.priority().name()),
                    Updates.set(
                        "trigger",
                        schedule.trigger().isEmpty() ? null : codec.toJson(schedule.trigger())),
                    Updates.set("scheduleFrom", date(schedule.scheduleFrom())),
                    Updates.set("updatedAt", now)),
                UPSERT));
      }
    }
    return write(models, UNORDERED);
  }

  /**
   * Stores how far the schedules were worked through, what the schedule-events topic shows of them,
   * and the runs just sent as active.
   *
   * @param sentRunIds run id of the command sent for a plan, by plan id
   */
  public Mono<Void> saveProgress(
      Collection<PlanSchedule> schedules, Map<String, String> sentRunIds) {
    List<WriteModel<Document>> models = new ArrayList<>();
    for (PlanSchedule schedule : schedules) {
      FireProgress progress = schedule.progress();
      List<Bson> updates = new ArrayList<>();
      updates.add(Updates.set("doneThrough", date(progress.doneThrough())));
      updates.add(Updates.set("lastFiredAt", date(progress.lastFiredAt())));
      updates.add(Updates.set("heldFireAt", date(progress.heldFireAt())));
      updates.addAll(published(schedule));
      String runId = sentRunIds.get(schedule.planId());
      if (runId != null) {
        updates.add(Updates.addToSet("activeRunIds", runId));
      }
      models.add(new UpdateOneModel<>(eq("_id", schedule.planId()), Updates.combine(updates)));
    }
    return write(models, UNORDERED);
  }

  private static List<Bson> published(PlanSchedule schedule) {
    if (schedule.published() == null) {
      return List.of();
    }
    Instant shown = schedule.published().nextFireAt();
    return List.of(
        Updates.set("published", true),
        Updates.set("publishedNextFireAt", date(shown)),
        Updates.set("nextFireAt", date(shown)));
  }

  /** Records what the schedule-events topic now shows for these plans. */
  public Mono<Void> savePublished(Collection<PlanSchedule> schedules) {
    List<WriteModel<Document>> models = new ArrayList<>();
    for (PlanSchedule schedule : schedules) {
      List<Bson> updates = published(schedule);
      if (!updates.isEmpty()) {
        models.add(new UpdateOneModel<>(eq("_id", schedule.planId()), Updates.combine(updates)));
      }
    }
    return write(models, UNORDERED);
  }

  /** Stores runs that became active or finished. */
  public Mono<Void> saveActivity(Collection<ActivityWrite> writes) {
    List<WriteModel<Document>> models = new ArrayList<>();
    for (ActivityWrite write : writes) {
      Bson byId = eq("_id", write.planId());
      if (!write.started().isEmpty()) {
        models.add(
            new UpdateOneModel<>(
                byId, Updates.addEachToSet("activeRunIds", new ArrayList<>(write.started()))));
      }
      if (!write.finished().isEmpty()) {
        models.add(
            new UpdateOneModel<>(
                byId,
                Updates.combine(
                    Updates.pullAll("activeRunIds", new ArrayList<>(write.finished())),
                    Updates.pushEach(
                        "finishedRunIds",
                        new ArrayList<>(write.finished()),
                        new PushOptions().slice(-RunActivity.FINISHED_KEPT)))));
      }
    }
    return write(models, ORDERED);
  }

  /** Forgets deleted plans for good, once their deletion is published. */
  public Mono<Void> remove(Collection<String> planIds) {
    List<WriteModel<Document>> models = new ArrayList<>();
    for (String planId : planIds) {
      models.add(new DeleteOneModel<>(eq("_id", planId)));
    }
    return write(models, UNORDERED);
  }

  private Mono<Void> write(List<WriteModel<Document>> models, BulkWriteOptions options) {
    if (models.isEmpty()) {
      return Mono.empty();
    }
    return collection()
        .flatMap(schedules -> Mono.from(schedules.bulkWrite(models, options)))
        .then();
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}
