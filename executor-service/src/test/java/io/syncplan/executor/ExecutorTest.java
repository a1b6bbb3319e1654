package io.syncplan.executor;

import io.syncplan.testsupport.TestRclone;
import io.syncplan.testsupport.WithKafkaAndMongo;
import io.syncplan.testsupport.WithRclone;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole executor-service, against a real Kafka broker and MongoDB, with real rclone: the rclone
 * under test ({@link TestRclone}; the build runs these tests on each rclone it tests on). Every
 * test class with exactly this annotation shares one application context (one executor of the
 * default pool), so tests must leave no run unfinished. rclone's bandwidth is capped (through the
 * executor's own {@code rclone-environment} setting) so that a run over a few tens of megabytes
 * lasts long enough to be cancelled or to keep the executor busy.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithRclone
@WithKafkaAndMongo
@SpringBootTest(
    classes = ExecutorServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + ExecutorServiceApplication.CONFIG_NAME,
      "syncplan.executor.id=test-executor",
      "syncplan.executor.claim-interval=200ms",
      "syncplan.executor.heartbeat-interval=500ms",
      "syncplan.executor.lease-duration=5s",
      "syncplan.executor.low-level-retries=1",
      "syncplan.executor.connect-timeout=5s",
      "syncplan.executor.check-timeout=30s",
      "syncplan.executor.waiting-refresh-interval=200ms",
      "syncplan.executor.shutdown-grace-period=2s",
      "syncplan.executor.rclone=${" + TestRclone.UNDER_TEST + ":rclone}",
      "syncplan.executor.rclone-environment.RCLONE_BWLIMIT=" + ExecutorTest.BANDWIDTH,
      "syncplan.executor.work-dir=${java.io.tmpdir}/syncplan-executor-test",
      // the tests' remotes (rclone serve sftp|webdav) listen on loopback
      "syncplan.network.allow=127.0.0.0/8,::1"
    })
public @interface ExecutorTest {

  /** rclone's bandwidth in tests: a file of {@link #SLOW_FILE_BYTES} takes about five seconds. */
  String BANDWIDTH = "16M";

  int SLOW_FILE_BYTES = 80 * 1024 * 1024;
}
