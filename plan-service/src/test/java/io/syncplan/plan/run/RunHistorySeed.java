package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.plan.outbox.OutboxRelay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Seeds the standalone stack's store file (the stack stopped) for {@code
 * bench/run-history-bench.sh}: copies of one plan the API stored, then finished runs written by the
 * service's own mapping of {@link RunDocument}, in bulk inserts over the wire protocol. Run {@code
 * i * plans + p} (plan {@code p}'s {@code i}-th) was requested {@code (i * plans + p) * 60 days /
 * runs} ago, so each plan's runs are days apart and all runs span 60 days (inside the default 90
 * days of retention); one in ten is FAILED, of every plan. Seeding again adds only what is missing.
 *
 * <p>usage: {@code RunHistorySeed STORE_FILE TEMPLATE_PLAN_ID PLANS RUNS_PER_PLAN}; prints a plan
 * id whose history the benchmark reads.
 */
final class RunHistorySeed {

  private static final String DATABASE = "syncplan-plans";
  private static final int BATCH = 1_000;
  private static final Duration SPAN = Duration.ofDays(60);
  private static final Duration WAIT = Duration.ofMinutes(5);

  private RunHistorySeed() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String templateId = args[1];
    int plans = Integer.parseInt(args[2]);
    int runsPerPlan = Integer.parseInt(args[3]);
    try (EmbeddedMongo store = EmbeddedMongo.inFile(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(store.connectionString())) {
      ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, DATABASE);
      long started = System.nanoTime();
      List<String> planIds = seedPlans(mongo, templateId, plans);
      seedRuns(mongo, planIds, runsPerPlan);
      System.err.printf(
          "seeded %d plans, %d runs in %d s%n",
          planIds.size(),
          (long) planIds.size() * runsPerPlan,
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      System.out.println(planIds.get(planIds.size() / 2));
    }
  }

  /** The template and its copies, each with an id, name and name key of its own, outbox empty. */
  private static List<String> seedPlans(ReactiveMongoTemplate mongo, String templateId, int plans) {
    Document template = mongo.findById(templateId, Document.class, "plans").block(WAIT);
    if (template == null) {
      throw new IllegalArgumentException("no plan " + templateId + " in the store");
    }
    List<String> ids = new ArrayList<>(List.of(templateId));
    List<Document> batch = new ArrayList<>();
    for (int p = 1; p < plans; p++) {
      String id = id("plan", p);
      ids.add(id);
      String name = String.format("history-bench-%06d", p);
      Document plan = new Document(template.get("plan", Document.class));
      plan.put("id", id);
      plan.put("name", name);
      Document copy = new Document(template);
      copy.put("_id", id);
      copy.put("plan", plan);
      copy.put("nameKey", name);
      copy.put("outbox", List.of());
      copy.put(OutboxRelay.OUTBOX_BYTES, 0L);
      batch.add(copy);
      if (batch.size() == BATCH || p == plans - 1) {
        insertMissing(mongo, batch, "plans");
        batch = new ArrayList<>();
      }
    }
    return ids;
  }

  private static void seedRuns(ReactiveMongoTemplate mongo, List<String> planIds, int perPlan) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    long total = (long) planIds.size() * perPlan;
    List<RunDocument> batch = new ArrayList<>();
    for (int i = 0; i < perPlan; i++) {
      for (int p = 0; p < planIds.size(); p++) {
        long n = (long) i * planIds.size() + p;
        Instant requestedAt = now.minusMillis(SPAN.toMillis() * n / total);
        batch.add(run(id("run", n), planIds.get(p), requestedAt, (p + i) % 10 == 3, n));
        if (batch.size() == BATCH) {
          insertMissingRuns(mongo, batch);
          batch = new ArrayList<>();
        }
      }
    }
    if (!batch.isEmpty()) {
      insertMissingRuns(mongo, batch);
    }
  }

  /** A finished scheduled sync as the history holds it after its outcome event. */
  private static RunDocument run(
      String runId, String planId, Instant requestedAt, boolean failed, long n) {
    Instant started = requestedAt.plusMillis(150);
    Instant finished = started.plusSeconds(20 + n % 40);
    return new RunDocument(
        runId,
        planId,
        failed ? RunStatus.FAILED : RunStatus.SUCCEEDED,
        RunTrigger.SCHEDULE,
        Priority.NORMAL,
        false,
        requestedAt,
        requestedAt,
        started,
        finished,
        1,
        Map.of(
            "1", new AttemptRecord(1, "executor-1", started, finished, failed ? "exit 1" : null)),
        null,
        null,
        failed ? RunStats.EMPTY : new RunStats(12, 3, 1, 0, 48_213, 2_400, 0, 0),
        RunChanges.NONE,
        failed
            ? new RunError(
                "RCLONE_ERROR", "rclone exited 1: directory not found", 1, List.of("ERROR : x"))
            : null,
        finished,
        finished,
        0,
        null,
        null,
        Map.of(),
        RunKind.SYNC);
  }

  private static void insertMissing(ReactiveMongoTemplate mongo, List<Document> batch, String in) {
    Object last = batch.get(batch.size() - 1).get("_id");
    if (!mongo.exists(query(where("_id").is(last)), in).block(WAIT)) {
      mongo.insert(batch, in).then().block(WAIT);
    }
  }

  private static void insertMissingRuns(ReactiveMongoTemplate mongo, List<RunDocument> batch) {
    String last = batch.get(batch.size() - 1).runId();
    if (!mongo.exists(query(where("_id").is(last)), RunDocument.class).block(WAIT)) {
      mongo.insert(batch, RunDocument.class).then().block(WAIT);
    }
  }

  private static String id(String kind, long n) {
    return UUID.nameUUIDFromBytes((kind + n).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
