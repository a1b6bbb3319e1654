package io.syncplan.executor.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP hooks against a real HTTP receiver on loopback (which the tests' network policy allows), in
 * the executor context every plain {@link ExecutorTest} shares.
 */
@ExecutorTest
class HttpHookTest {

  static final String TOKEN = "url-t0ken-that-must-stay-sealed";
  static final String SIGNING_SECRET = "hook-signing-secret";

  static HttpServer receiver;
  static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @BeforeAll
  static void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", HttpHookTest::answer);
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  /** Records the request; answers 500 on a path with {@code /fail}, else 204. */
  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    exchange.sendResponseHeaders(
        exchange.getRequestURI().getPath().contains("/fail") ? 500 : 204, -1);
    exchange.close();
  }

  @Autowired SecretCipher cipher;
  @TempDir Path dir;
  RunDriver runs;
  Path source;
  Path destination;
  String planId;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    destination = dir.resolve("destination");
    FileTrees.writeFile(source, "a.txt", "a");
    planId = "plan-" + UUID.randomUUID();
  }

  @Test
  void aBeforeHookAnswered500WithAbortOnErrorFailsTheRunWithHookFailedBeforeRcloneStarts() {
    String failing = url("/fail/" + planId);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .id(planId)
            .hooks(
                // link-local (cloud metadata): the network policy refuses it; the run goes on
                new HookSpec(
                    HookOn.BEFORE,
                    Duration.ofSeconds(10),
                    false,
                    null,
                    http("POST", "http://169.254.169.254/latest/" + TOKEN, Map.of(), null)),
                new HookSpec(
                    HookOn.BEFORE,
                    Duration.ofSeconds(10),
                    true,
                    null,
                    http("POST", failing, Map.of(), null)))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("HOOK_FAILED");
    assertThat(run.error().message())
        .isEqualTo(
            "hook 1 (POST "
                + receiverHost()
                + "#"
                + WebhookTarget.fingerprintOf(failing)
                + ", BEFORE) answered HTTP 500; rclone was not started");
    assertThat(destination).doesNotExist();
    List<HookRan> hooks = hooks(run.runId());
    assertThat(hooks).extracting(HookRan::index).containsExactly(0, 1);
    assertThat(hooks.get(0).status()).isEqualTo("FAILED");
    assertThat(hooks.get(0).message()).isEqualTo("unreachable");
    assertThat(hooks.get(0).httpStatus()).isNull();
    assertThat(hooks.get(1).status()).isEqualTo("FAILED");
    assertThat(hooks.get(1).httpStatus()).isEqualTo(500);
    assertThat(hooks.get(1).http()).startsWith("POST " + receiverHost() + "#");
    assertThat(hooks.get(1).command()).isNull();
    assertThat(hooks).allSatisfy(hook -> assertThat(hook.toString()).doesNotContain(TOKEN));
  }

  @Test
  void anAfterSuccessHookGetsTheRunsWebhookBodySignedWithItsSecretAndItsHeaders() throws Exception {
    String ok = url("/ok/" + planId + "/" + TOKEN + "?key=" + TOKEN);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .id(planId)
            .hooks(
                new HookSpec(
                    HookOn.AFTER_SUCCESS,
                    Duration.ofSeconds(10),
                    false,
                    null,
                    http("PUT", ok, Map.of("Authorization", "Bearer " + TOKEN), SIGNING_SECRET)),
                new HookSpec(
                    HookOn.AFTER_FAILURE,
                    Duration.ofSeconds(10),
                    false,
                    null,
                    http("POST", url("/fail/" + planId), Map.of(), null)))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Received> requests =
        received.stream().filter(request -> request.path().contains(planId)).toList();
    assertThat(requests).hasSize(1);
    Received request = requests.get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.path()).isEqualTo("/ok/" + planId + "/" + TOKEN + "?key=" + TOKEN);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("X-Syncplan-Hook")).isEqualTo("AFTER_SUCCESS");
    assertThat(request.header("X-Syncplan-Event")).isEqualTo("run.succeeded");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    String timestamp = request.header("X-Syncplan-Timestamp");
    assertThat(request.header("X-Syncplan-Signature"))
        .isEqualTo(signature(SIGNING_SECRET, timestamp, request.body()));
    JsonNode body = JsonMapper.builder().build().readTree(request.body());
    assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(body.get("eventType").asString()).isEqualTo("run.succeeded");
    assertThat(body.get("outcome").asString()).isEqualTo("SUCCEEDED");
    assertThat(body.get("eventId").asString()).isEqualTo(request.header("Idempotency-Key"));
    assertThat(body.get("plan").get("id").asString()).isEqualTo(planId);
    assertThat(body.get("plan").get("source").asString())
        .isEqualTo(source.toAbsolutePath().toString());
    assertThat(body.get("run").get("id").asString()).isEqualTo(run.runId());
    assertThat(body.get("run").get("stats").get("filesAdded").asLong()).isEqualTo(1);

    List<HookRan> hooks = hooks(run.runId());
    assertThat(hooks).hasSize(1);
    assertThat(hooks.get(0).succeeded()).isTrue();
    assertThat(hooks.get(0).httpStatus()).isEqualTo(204);
    assertThat(hooks.get(0).toString()).doesNotContain(TOKEN, SIGNING_SECRET);
  }

  /** An HTTP action with its URL, header values and secret sealed for the plan, as plan-service. */
  private HttpHook http(String method, String url, Map<String, String> headers, String secret) {
    return HttpHook.sealed(
        method,
        url,
        cipher.seal(url, SecretContext.hookUrl(planId)),
        headers.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    header ->
                        cipher.seal(
                            header.getValue(), SecretContext.hookHeader(planId, header.getKey())))),
        secret == null ? null : cipher.seal(secret, SecretContext.hookSecret(planId)));
  }

  private static String receiverHost() {
    return "127.0.0.1:" + receiver.getAddress().getPort();
  }

  private static String url(String pathAndQuery) {
    return "http://" + receiverHost() + pathAndQuery;
  }

  /** The signature as a receiver following docs/notifications.md computes it. */
  private static String signature(String secret, String timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private List<HookRan> hooks(String runId) {
    return runs.events(runId).stream()
        .map(envelope -> envelope.payload())
        .filter(HookRan.class::isInstance)
        .map(HookRan.class::cast)
        .toList();
  }
}
