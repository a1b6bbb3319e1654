package io.syncplan.executor.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorServiceApplication;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import io.syncplan.testsupport.WithRclone;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** A remote agent started with a pool name takes that pool's commands, and only those. */
@WithRclone
@WithKafkaAndMongo
@SpringBootTest(
    classes = ExecutorServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + ExecutorServiceApplication.CONFIG_NAME,
      "syncplan.executor.pool=laptop-7",
      "syncplan.executor.id=laptop-7-agent",
      "syncplan.executor.claim-interval=200ms",
      "syncplan.executor.work-dir=${java.io.tmpdir}/syncplan-executor-laptop-7"
    })
@DirtiesContext
class PoolTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void anAgentOfAPoolRunsThatPoolsPlansAndNoOthers() {
    FileTrees.writeFile(dir.resolve("office"), "a.txt", "office");
    FileTrees.writeFile(dir.resolve("laptop"), "b.txt", "laptop");
    PlanSnapshot office =
        TestPlans.between(dir.resolve("office"), dir.resolve("office-copy")).build();
    PlanSnapshot laptop =
        TestPlans.between(dir.resolve("laptop"), dir.resolve("laptop-copy"))
            .pool("laptop-7")
            .build();

    String officeRun = runs.request(office);
    RunFinished laptopRun = runs.run(laptop);

    assertThat(laptopRun.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("laptop-copy/b.txt")).hasContent("laptop");
    assertThat(executorsThatStarted(laptopRun.runId())).containsExactly("laptop-7-agent");
    // The office plan's command went to the default pool's topic, which this agent never reads;
    // whether or not a default-pool executor runs it elsewhere, this agent did not.
    assertThat(executorsThatStarted(officeRun)).doesNotContain("laptop-7-agent");
    assertThat(dir.resolve("office-copy")).doesNotExist();
  }

  private java.util.List<String> executorsThatStarted(String runId) {
    return runs.events(runId).stream()
        .map(Envelope::payload)
        .filter(RunStarted.class::isInstance)
        .map(started -> ((RunStarted) started).executorId())
        .toList();
  }
}
