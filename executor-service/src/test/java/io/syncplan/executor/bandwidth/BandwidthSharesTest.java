package io.syncplan.executor.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.RcloneRunner.RunningRclone;
import io.syncplan.executor.rclone.Transfer;
import io.syncplan.testsupport.TestRclone;
import io.syncplan.testsupport.WithRclone;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor-wide cap, shared by real rclone processes copying between local folders, as each
 * one's remote control reports its limit ({@code core/bwlimit}).
 */
@WithRclone
class BandwidthSharesTest {

  private static final long MIB = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  private Path source;

  @BeforeEach
  void aLargeFileToCopy() throws Exception {
    source = Files.createDirectories(dir.resolve("source"));
    // Sparse: costs no disk, and under these limits takes minutes to copy; the tests stop first.
    try (RandomAccessFile file = new RandomAccessFile(source.resolve("big").toFile(), "rw")) {
      file.setLength(200 * MIB);
    }
  }

  @Test
  void runsAtOnceShareTheCapEvenlyAndARunAloneGetsAllOfIt() {
    executor("4M")
        .run(
            context -> {
              try (Copy first = copy(context, "first", null)) {
                assertThat(first.command.arguments())
                    .contains("--rc", "--rc-addr", "127.0.0.1:0")
                    .doesNotContain("--rc-no-auth", first.share.password());
                awaitLimit(first, 4 * MIB, 4 * MIB);

                try (Copy second = copy(context, "second", null)) {
                  awaitLimit(first, 2 * MIB, 2 * MIB);
                  awaitLimit(second, 2 * MIB, 2 * MIB);
                }
                awaitLimit(first, 4 * MIB, 4 * MIB);
              }
            });
  }

  @Test
  void aPlansOwnLowerLimitStaysItsLimitAndTheOtherRunsGetWhatItLeaves() {
    executor("4M:2M")
        .run(
            context -> {
              try (Copy modest = copy(context, "modest", "1M");
                  Copy other = copy(context, "other", null)) {
                awaitLimit(modest, MIB, MIB);
                awaitLimit(other, 3 * MIB, MIB);
              }
            });
  }

  @Test
  void theRemoteControlRefusesRequestsWithoutItsPassword() {
    executor("4M")
        .run(
            context -> {
              try (Copy copy = copy(context, "copy", null)) {
                awaitLimit(copy, 4 * MIB, 4 * MIB);

                assertThat(setLimit(copy, null).statusCode()).isEqualTo(401);
                assertThat(setLimit(copy, "Basic c3luY3BsYW46d3Jvbmc=").statusCode())
                    .isEqualTo(401);
                assertThat(copy.share.address().getHost()).isEqualTo("127.0.0.1");
                awaitLimit(copy, 4 * MIB, 4 * MIB);
              }
            });
  }

  @Test
  void withoutACapRcloneRunsWithoutItsRemoteControl() {
    executor("")
        .run(
            context -> {
              RcloneCommand command = command(context, "copy", "1M");

              BandwidthShare share = context.getBean(BandwidthShares.class).join(command);

              assertThat(share.command()).isEqualTo(command);
              assertThat(share.command().arguments())
                  .noneMatch(argument -> argument.startsWith("--rc"))
                  .containsSequence("--bwlimit", "1M");
              assertThat(share.command().environment()).doesNotContainKey("RCLONE_RC_PASS");
              share.close();
            });
  }

  private ApplicationContextRunner executor(String bandwidth) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Components.class)
        .withPropertyValues(
            "syncplan.executor.rclone=" + TestRclone.binary(),
            "syncplan.executor.work-dir=" + dir.resolve("work"),
            "syncplan.executor.bandwidth=" + bandwidth);
  }

  /** A copy of the large file, holding its share until closed. */
  private Copy copy(ApplicationContext context, String name, String ownLimit) {
    BandwidthShare share =
        context.getBean(BandwidthShares.class).join(command(context, name, ownLimit));
    RunningRclone running =
        share.started(context.getBean(RcloneRunner.class).start(share.command()));
    CompletableFuture<?> log = CompletableFuture.runAsync(() -> running.await(progress -> {}));
    return new Copy(share, share.command(), running, log);
  }

  private RcloneCommand command(ApplicationContext context, String name, String ownLimit) {
    PerformanceSpec performance =
        new PerformanceSpec(1, "1M", 0, CompareStrategy.SIZE_AND_MODTIME, null, null, ownLimit);
    return context
        .getBean(RcloneCommandBuilder.class)
        .transfer(
            new Transfer(
                SyncMode.COPY,
                local(source),
                local(dir.resolve(name)),
                null,
                performance,
                false,
                null,
                null,
                false,
                null));
  }

  private static RcloneLocation local(Path path) {
    return new RcloneLocation(path.toString(), Map.of(), Set.of());
  }

  private record Copy(
      BandwidthShare share, RcloneCommand command, RunningRclone rclone, CompletableFuture<?> log)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      rclone.stop();
      log.get(30, TimeUnit.SECONDS);
      share.close();
    }
  }

  private static void awaitLimit(Copy copy, long upload, long download) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> limit(copy), limit -> limit != null && limit.equals(upload + ":" + download));
  }

  /** The limit rclone reports it has now, upload:download in bytes/s; null before it listens. */
  private static String limit(Copy copy) throws Exception {
    if (copy.share.address() == null) {
      return null;
    }
    HttpResponse<String> answer = post(copy, copy.share.authorization(), "{}");
    JsonNode limit = JSON.readTree(answer.body());
    return limit.path("bytesPerSecondTx").asLong() + ":" + limit.path("bytesPerSecondRx").asLong();
  }

  private static HttpResponse<String> setLimit(Copy copy, String authorization) throws Exception {
    return post(copy, authorization, "{\"rate\":\"1K\"}");
  }

  private static HttpResponse<String> post(Copy copy, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(copy.share.address().resolve("core/bwlimit"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ExecutorProperties.class, BandwidthProperties.class})
  @Import({Rclone.class, RcloneCommandBuilder.class, RcloneRunner.class, BandwidthShares.class})
  static class Components {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
