package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.testsupport.FileTrees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console tried as a new user would, in a real browser against the whole stack: sign in, create
 * a plan through the form (first with a mistake the form shows at its field), run it, watch the
 * progress reach 100% and SUCCEEDED without a reload, open its changes, pause it, and sign in as a
 * viewer who sees no action buttons; then browse a plan's history, restore an old version through
 * the form and verify the plan; edit a plan in the form; and set the plan form's hooks, chain,
 * verification, bandwidth, access check and pause after failures. axe-core checks every page at
 * both sizes; screenshots go to target/console-screenshots. The flows share one stack and one
 * browser; the first one expects an empty installation, so it runs first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  static final String ADMIN_KEY = "spk_console-browser-test-admin-key";

  @TempDir static Path work;
  static StandaloneStack stack;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() {
    Browser.missing().ifPresent(why -> Assumptions.abort("Console browser tests skipped: " + why));
    stack = StandaloneStack.start(TestSettings.onLoopback(work.resolve("data"), ADMIN_KEY));
    base = stack.apiUrl();
    browser =
        Browser.start(work.resolve("chromium-profile"), Path.of("target/console-screenshots"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  By button(String text) {
    return By.xpath(
        "//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']");
  }

  void signIn(String key) {
    browser.driver.get(base + "/#/sign-in");
    WebElement field = browser.find(By.id("api-key"));
    field.clear();
    field.sendKeys(key);
    browser.find(button("Sign in")).click();
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav[aria-label=Main]")));
  }

  void field(String label, String value) {
    WebElement input =
        browser.find(
            By.xpath("//label[normalize-space()='" + label + "']/following-sibling::*[1]"));
    input.clear();
    input.sendKeys(value);
  }

  @Test
  @Order(1)
  void aNewUserCreatesRunsAndPausesAPlanAndAViewerSeesNoActions() throws Exception {
    Path source = work.resolve("reports");
    Path destination = work.resolve("reports-copy");
    FileTrees.write(source, 40, 32 * 1024, 16);

    // Sign in: the first page explains where the key comes from.
    browser.driver.get(base + "/");
    assertThat(browser.heading()).isEqualTo("Sign in to syncplan");
    browser.assertAccessible("sign-in");
    browser.screenshots("01-sign-in");
    signIn(ADMIN_KEY);

    // An empty installation says how to make a first plan.
    assertThat(browser.find(By.cssSelector(".empty h3")).getText()).contains("no plans yet");
    browser.assertAccessible("overview, empty");
    browser.screenshots("02-overview-empty");

    // The form, first with a mistake: the API's problem shows at its field.
    browser.find(button("Create your first plan")).click();
    assertThat(browser.heading()).isEqualTo("New plan");
    field("Name", "reports");
    List<WebElement> paths =
        browser.driver.findElements(
            By.xpath("//label[normalize-space()='Path']/following-sibling::input"));
    paths.get(0).sendKeys(source.toString());
    paths.get(1).sendKeys("-" + destination);
    browser.assertAccessible("new plan");
    browser.find(button("Create the plan")).click();
    WebElement destinationError =
        browser.find(
            By.cssSelector("[data-field='destination.path'][aria-invalid='true'] ~ .field-error"));
    assertThat(destinationError.getText()).contains("'-'");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("data-field"))
        .isEqualTo("destination.path");
    browser.assertAccessible("new plan with an error");
    browser.screenshots("03-plan-form-error");
    paths.get(1).clear();
    paths.get(1).sendKeys(destination.toString());
    browser.find(button("Create the plan")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "reports"));
    browser.assertAccessible("plan");

    // Run it, and watch the run page reach 100% and SUCCEEDED by itself.
    browser.find(button("▶ Run now")).click();
    browser.until(ExpectedConditions.urlContains("#/runs/"));
    browser.find(By.id("run-progress"));
    browser.script("window.__sameDocument = true;");
    browser
        .waitUpTo(Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".run-status .badge"), "Succeeded"));
    assertThat(browser.find(By.id("progress-percent")).getText()).isEqualTo("100%");
    assertThat(browser.find(By.id("run-progress")).getAttribute("value")).isEqualTo("100");
    assertThat(browser.script("return window.__sameDocument === true;"))
        .as("the page followed the run without a reload")
        .isEqualTo(true);
    assertThat(Files.list(destination).count()).isPositive();

    // Its changes: every file added, searchable by path.
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("changes-h"), "Changes"));
    browser.until(
        d -> d.findElements(By.cssSelector("#changes-h ~ div table tbody tr")).size() > 0);
    assertThat(browser.driver.findElement(By.cssSelector("#changes-h ~ div p.small")).getText())
        .startsWith("40 changes");
    new Select(
            browser.find(By.xpath("//label[normalize-space()='Kind']/following-sibling::select")))
        .selectByValue("ADDED");
    browser.assertAccessible("run");
    browser.screenshots("04-run-succeeded");

    // A second run, after a change at the source: the plan's chart draws its runs.
    Files.writeString(source.resolve("new-report.txt"), "a report written after the first run");
    browser.find(By.cssSelector(".run-status a")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "reports"));
    browser.find(button("▶ Run now")).click();
    browser.until(ExpectedConditions.urlContains("#/runs/"));
    browser
        .waitUpTo(Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".run-status .badge"), "Succeeded"));

    // Pause the plan from its page.
    browser.find(By.cssSelector(".run-status a")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "reports"));
    browser.find(By.cssSelector(".chart .uplot canvas"));
    browser.find(button("‖ Pause")).click();
    browser.find(button("▶ Resume"));
    assertThat(browser.find(By.cssSelector(".badges")).getText()).contains("Paused");
    browser.screenshots("05-plan");

    // The other pages, checked and pictured.
    browser.driver.get(base + "/#/");
    browser.until(d -> d.findElements(By.cssSelector(".counts")).size() > 0);
    assertThat(browser.find(By.cssSelector("[data-state=PAUSED] .number")).getText())
        .isEqualTo("1");
    browser.assertAccessible("overview");
    browser.screenshots("06-overview");
    browser.driver.get(base + "/#/plans");
    browser.until(d -> d.findElements(By.cssSelector("table tbody tr")).size() == 1);
    browser.assertAccessible("plans");
    browser.screenshots("07-plans");
    browser.driver.get(base + "/#/storages/new");
    new Select(
            browser.find(
                By.xpath("//label[normalize-space()='Backend']/following-sibling::select")))
        .selectByValue("sftp");
    browser.find(By.cssSelector("input[type=password][data-secret=pass]"));
    browser.assertAccessible("new storage");
    browser.screenshots("08-storage-form");
    browser.driver.get(base + "/#/keys");
    // the storage form also has a Name: type only once the keys page has replaced it
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "API keys"));
    field("Name", "dashboard");
    new Select(
            browser.find(By.xpath("//label[normalize-space()='Role']/following-sibling::select")))
        .selectByValue("VIEWER");
    browser.find(button("Issue the key")).click();
    String viewerKey = browser.find(By.cssSelector("input.secret-once")).getAttribute("value");
    assertThat(viewerKey).startsWith("spk_");
    browser.assertAccessible("keys");
    browser.screenshots("09-keys");

    // A viewer sees the plan but no button it may not use.
    browser.find(button("Sign out")).click();
    signIn(viewerKey);
    browser.driver.get(base + "/#/plans");
    browser.find(By.linkText("reports")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "reports"));
    browser.find(By.id("settings-h"));
    assertThat(browser.driver.findElements(By.cssSelector("main button, main a.button"))).isEmpty();
    assertThat(browser.driver.findElements(By.linkText("API keys"))).isEmpty();
    assertThat(browser.driver.findElements(By.linkText("New plan"))).isEmpty();
    browser.assertAccessible("plan as a viewer");
    browser.screenshots("10-plan-viewer");

    // A revoked key sends the person back to sign-in with a message.
    String id = keyId("dashboard");
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/keys/" + id))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
    browser.driver.get(base + "/#/plans");
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in to syncplan"));
    assertThat(browser.find(By.cssSelector(".notice")).getText()).contains("no longer valid");

    // A plan chained after another, with a bandwidth timetable: both ends show the chain.
    String archive =
        createPlan(
            "{\"name\":\"archive\",\"source\":{\"path\":\"%s\"},\"destination\":{\"path\":\"%s\"},"
                    .formatted(destination, work.resolve("archive"))
                + "\"mode\":\"COPY\",\"performance\":{\"bandwidth\":\"08:00,512k 19:00,off\"},"
                + "\"trigger\":{\"after\":[{\"plan\":\"reports\",\"on\":[\"SUCCESS\"]}]}}");
    signIn(ADMIN_KEY);
    browser.driver.get(base + "/#/plans/" + archive);
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "archive"));
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("plan-chain"), "starts after reports (success)"));
    assertThat(browser.find(By.id("settings-h")).findElement(By.xpath("..")).getText())
        .contains("bandwidth 08:00,512k 19:00,off")
        .contains("Hooks\nnone");
    browser.find(By.linkText("reports")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "reports"));
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("plan-chain"), "its runs start archive (success)"));
    browser.assertAccessible("plan with a chain");
    browser.screenshots("11-plan-chain");
  }

  @Test
  @Order(2)
  void anOperatorBrowsesAPlansHistoryRestoresAnOldVersionAndVerifiesAndAViewerOnlyBrowses()
      throws Exception {
    ApiClient api = new ApiClient(base, ADMIN_KEY);
    Path source = work.resolve("handbook");
    Path destination = work.resolve("handbook-copy");
    Path restored = work.resolve("handbook-restored");
    Instant longAgo = Instant.now().minus(Duration.ofDays(2));
    writeFile(source.resolve("docs/report.txt"), "the report as first written", longAgo);
    writeFile(source.resolve("notes.txt"), "notes", longAgo);
    String planId =
        createPlan(
            "{\"name\":\"handbook\",\"source\":{\"path\":\"%s\"},\"destination\":{\"path\":\"%s\"},"
                    .formatted(source, destination)
                + "\"mode\":\"MIRROR_WITH_REVISIONS\"}");
    awaitSucceeded(api, api.post("/api/v1/plans/" + planId + "/runs", "").body());
    // the second run replaces the report: its first version moves into a revision
    writeFile(
        source.resolve("docs/report.txt"),
        "the report, rewritten and longer",
        longAgo.plus(Duration.ofHours(1)));
    awaitSucceeded(api, api.post("/api/v1/plans/" + planId + "/runs", "").body());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                api.get("/api/v1/plans/" + planId + "/revisions").body().get("totalItems").asLong()
                    == 1);

    // The plan's page lists its revision; it opens on the files it keeps, folder by folder.
    signOut();
    signIn(ADMIN_KEY);
    browser.driver.get(base + "/#/plans/" + planId);
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "handbook"));
    browser.until(d -> d.findElements(By.cssSelector("#revision-list tbody tr")).size() == 1);
    assertThat(browser.find(By.cssSelector("#revision-list tbody tr")).getText())
        .as("the revision keeps the report's first version, 27 bytes")
        .contains("27 B");
    browser.assertAccessible("plan with revisions");
    browser.find(By.cssSelector("#revision-list tbody a[href*='/revisions/']")).click();
    browser.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Revision"));
    browser.find(By.cssSelector("a.folder")).click();
    browser.until(ExpectedConditions.urlContains("?path=docs"));
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".crumbs [aria-current=page]"), "docs"));
    assertThat(browser.find(By.cssSelector("main table tbody")).getText()).contains("report.txt");
    assertThat(browser.driver.findElements(By.cssSelector("main table a.folder")))
        .as("inside docs, the file's path starts there")
        .isEmpty();
    browser.assertAccessible("revision");
    browser.screenshots("12-revision");

    // Every version of the report: the current one and the one the revision keeps.
    browser.find(By.cssSelector("a[aria-label='Versions of docs/report.txt']")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Versions of docs/report.txt"));
    browser
        .waitUpTo(Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector("main table tbody tr")).size() == 2);
    assertThat(browser.find(By.cssSelector("main table tbody tr")).getText())
        .contains("Current, at the destination")
        .contains("32 B");
    browser.assertAccessible("versions");
    browser.screenshots("13-versions");

    // Restore the kept version through the form, first into a folder it cannot take.
    browser
        .find(By.xpath("//a[starts-with(@aria-label, 'Restore docs/report.txt as kept in')]"))
        .click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Restore from handbook"));
    assertThat(browser.find(By.cssSelector("[data-field=path]")).getAttribute("value"))
        .isEqualTo("docs/report.txt");
    assertThat(browser.find(By.cssSelector("input[name=when][value=revision]")).isSelected())
        .isTrue();
    WebElement folder = browser.find(By.cssSelector("[data-field='target target.path']"));
    folder.sendKeys("restored-here");
    browser.find(button("Start the restore")).click();
    WebElement folderError =
        browser.find(
            By.cssSelector(
                "[data-field='target target.path'][aria-invalid='true'] ~ .field-error"));
    assertThat(folderError.getText()).contains("absolute");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("data-field"))
        .isEqualTo("target target.path");
    browser.assertAccessible("restore form with an error");
    browser.screenshots("14-restore-form-error");
    folder.clear();
    folder.sendKeys(restored.toString());
    browser.find(button("Start the restore")).click();

    // The restore is a run: its page follows it to the end and says what it brought back.
    browser.until(ExpectedConditions.urlContains("#/runs/"));
    browser
        .waitUpTo(Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".run-status .badge"), "Succeeded"));
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Restore of handbook"));
    assertThat(figure("Restored (new)")).isEqualTo("1");
    assertThat(Files.readString(restored.resolve("docs/report.txt")))
        .isEqualTo("the report as first written");
    assertThat(Files.readString(destination.resolve("docs/report.txt")))
        .isEqualTo("the report, rewritten and longer");
    browser.until(
        d -> d.findElements(By.cssSelector("#changes-h ~ div table tbody tr")).size() == 1);
    browser.assertAccessible("restore run");
    browser.screenshots("15-restore-run");

    // Verify, by size: the destination matches the source, and the run page says so.
    browser.find(By.cssSelector(".run-status a")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "handbook"));
    browser.find(button("Verify…")).click();
    browser.find(By.cssSelector("dialog input[value=SIZE]")).click();
    browser.find(button("Start the verification")).click();
    browser.until(ExpectedConditions.urlContains("#/runs/"));
    browser
        .waitUpTo(Duration.ofSeconds(90))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".run-status .badge"), "Succeeded"));
    assertThat(browser.find(By.id("verdict")).getText())
        .contains("The destination matches the source: 2 files compared");
    assertThat(figure("Matching")).isEqualTo("2");
    assertThat(figure("Differing")).isEqualTo("0");
    browser.assertAccessible("verification");
    browser.screenshots("16-verify-run");

    // A viewer browses the history but is offered no restore and no verification.
    String viewerKey =
        api.post("/api/v1/keys", "{\"name\":\"history-viewer\",\"role\":\"VIEWER\"}")
            .body()
            .get("key")
            .asString();
    signOut();
    signIn(viewerKey);
    browser.driver.get(base + "/#/plans/" + planId);
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "handbook"));
    browser.until(d -> d.findElements(By.cssSelector("#revision-list tbody tr")).size() == 1);
    assertThat(browser.driver.findElements(By.cssSelector("main button, main a.button"))).isEmpty();
    browser.find(By.cssSelector("#revision-list tbody a[href*='/revisions/']")).click();
    browser.find(By.cssSelector("a[aria-label='Versions of docs/report.txt']"));
    assertThat(browser.driver.findElements(By.cssSelector("main button, main a.button"))).isEmpty();
  }

  @Test
  @Order(3)
  void anEditInTheFormChangesWhatItShowsAndKeepsWhatItDoesNot() throws Exception {
    ApiClient api = new ApiClient(base, ADMIN_KEY);
    String planId =
        createPlan(
            """
            {"name":"ledger","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR",
             "schedule":{"type":"INTERVAL","everyMinutes":60,"pauseAfterFailures":3},
             "verify":{"after":"DAILY","method":"SIZE"},"performance":{"bandwidth":"10M"},
             "hooks":[{"on":"AFTER","timeout":"10s","http":{"url":"http://127.0.0.1:9/after"}}],
             "notifications":{"webhooks":[{"url":"http://127.0.0.1:9/hook/secret-path"}]}}
            """
                .formatted(work.resolve("ledger"), work.resolve("ledger-copy")));
    String webhook =
        api.get("/api/v1/plans/" + planId)
            .body()
            .at("/notifications/webhooks/0/fingerprint")
            .asString();
    signOut();
    signIn(ADMIN_KEY);

    browser.driver.get(base + "/#/plans/" + planId + "/edit");
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit ledger"));
    field("Description", "the books, mirrored");
    browser.find(button("Save the plan")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "ledger"));
    // A webhook is shown by its host: its URL is sealed.
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "127.0.0.1:9 as"));
    assertThat(browser.driver.findElement(By.tagName("main")).getText())
        .doesNotContain("undefined");

    // The edit keeps what it did not touch: the form's own values of these, and the sealed hook
    // and webhook, which it does not send unless their rows change.
    tools.jackson.databind.JsonNode plan = api.get("/api/v1/plans/" + planId).body();
    assertThat(plan.get("description").asString()).isEqualTo("the books, mirrored");
    assertThat(plan.at("/schedule/everyMinutes").asInt()).isEqualTo(60);
    assertThat(plan.at("/schedule/pauseAfterFailures").asInt()).isEqualTo(3);
    assertThat(plan.at("/verify/after").asString()).isEqualTo("DAILY");
    assertThat(plan.at("/performance/bandwidth").asString()).isEqualTo("10M");
    assertThat(plan.at("/hooks/0/http/host").asString()).isEqualTo("127.0.0.1:9");
    assertThat(plan.at("/notifications/webhooks/0/fingerprint").asString()).isEqualTo(webhook);
  }

  @Test
  @Order(4)
  void theFormSetsHooksChainVerificationBandwidthAccessCheckPauseAndAnEditRemovesSealedHookValues()
      throws Exception {
    ApiClient api = new ApiClient(base, ADMIN_KEY);
    String intake =
        createPlan(
            "{\"name\":\"intake\",\"source\":{\"path\":\"%s\"},\"destination\":{\"path\":\"%s\"},\"mode\":\"COPY\"}"
                .formatted(work.resolve("intake"), work.resolve("intake-copy")));
    signOut();
    signIn(ADMIN_KEY);
    browser.driver.get(base + "/#/plans/new");
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "New plan"));
    field("Name", "books");
    input("source.path").sendKeys(work.resolve("books").toString());
    input("destination.path").sendKeys(work.resolve("books-copy").toString());
    browser.find(By.tagName("summary")).click();
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("[data-field='deletionGuard.checkAccess']"))
                .isDisplayed())
        .as("the access check is offered for two-way syncs only")
        .isFalse();
    new Select(input("mode")).selectByValue("BISYNC");
    input("deletionGuard.checkAccess").click();
    new Select(input("schedule.type")).selectByValue("DAILY");
    input("schedule.pauseAfterFailures").sendKeys("4");
    // the chain: a plan picked by its name
    browser.find(button("Add a plan to start after")).click();
    input("trigger.after[0].plan").sendKeys("intake", Keys.TAB);
    browser.find(By.cssSelector("[data-field='trigger.after[0].on'] input[value=FAILURE]")).click();
    input("performance.bandwidth").sendKeys("fast");
    new Select(input("verify.after")).selectByValue("EVERY_RUN");
    new Select(input("verify.method")).selectByValue("SIZE");
    // an HTTP hook before each run, signed, with a header
    browser.find(button("Add a hook")).click();
    input("hooks[0].timeout").sendKeys("20s");
    input("hooks[0].abortOnError").click();
    new Select(
            browser.find(By.xpath("//label[normalize-space()='Action']/following-sibling::select")))
        .selectByValue("http");
    input("hooks[0].http.url").sendKeys("http://127.0.0.1:9/ready");
    new Select(input("hooks[0].http.method")).selectByValue("PUT");
    input("hooks[0].http.headers").sendKeys("X-Team: books");
    input("hooks[0].http.secret").sendKeys("hook-secret");

    // The API refuses the bandwidth: its problem shows at the field, in the section it unfolds,
    // and the field gets the focus.
    browser.find(By.tagName("summary")).click();
    browser.find(button("Create the plan")).click();
    WebElement bandwidthError =
        browser.find(
            By.cssSelector(
                "[data-field='performance.bandwidth'][aria-invalid='true'] ~ .field-error"));
    assertThat(bandwidthError.getText()).contains("'fast' is not a rate");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("data-field"))
        .isEqualTo("performance.bandwidth");
    browser.assertAccessible("new plan with every field");
    browser.script(
        "arguments[0].scrollIntoView({block: 'center'})", input("performance.bandwidth"));
    browser.screenshot("17-plan-form-more-1280x800");
    input("performance.bandwidth").clear();
    input("performance.bandwidth").sendKeys("08:00,512k 19:00,off");
    browser.find(button("Create the plan")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "books"));
    assertThat(browser.find(By.id("settings-h")).findElement(By.xpath("..")).getText())
        .contains("pauses itself after 4 failed runs in a row")
        .contains("Access check\non: runs only while both sides hold the marker file RCLONE_TEST")
        .contains("Verification\nafter every successful run, by size")
        .contains("before: PUT 127.0.0.1:9#")
        .contains("headers X-Team, signed");

    // Each value reached the plan as the API shows it.
    String planId = browser.driver.getCurrentUrl().replaceAll(".*#/plans/", "");
    tools.jackson.databind.JsonNode plan = api.get("/api/v1/plans/" + planId).body();
    assertThat(plan.get("mode").asString()).isEqualTo("BISYNC");
    assertThat(plan.at("/schedule/pauseAfterFailures").asInt()).isEqualTo(4);
    assertThat(plan.at("/trigger/after/0/plan").asString()).isEqualTo(intake);
    assertThat(plan.at("/trigger/after/0/on").toString()).isEqualTo("[\"SUCCESS\",\"FAILURE\"]");
    assertThat(plan.at("/performance/bandwidth").asString()).isEqualTo("08:00,512k 19:00,off");
    assertThat(plan.at("/deletionGuard/checkAccess").asBoolean()).isTrue();
    assertThat(plan.at("/verify/after").asString()).isEqualTo("EVERY_RUN");
    assertThat(plan.at("/verify/method").asString()).isEqualTo("SIZE");
    tools.jackson.databind.JsonNode hook = plan.at("/hooks/0");
    assertThat(hook.get("on").asString()).isEqualTo("BEFORE");
    assertThat(hook.get("timeout").asString()).isEqualTo("PT20S");
    assertThat(hook.get("abortOnError").asBoolean()).isTrue();
    assertThat(hook.at("/http/method").asString()).isEqualTo("PUT");
    assertThat(hook.at("/http/host").asString()).isEqualTo("127.0.0.1:9");
    assertThat(hook.at("/http/headers").toString()).isEqualTo("[\"X-Team\"]");
    assertThat(hook.at("/http/secretSet").asBoolean()).isTrue();

    // Sealed values are never shown, so an edit removes them with a box each (the URL given again,
    // as for any change to a sealed hook).
    browser.driver.get(base + "/#/plans/" + planId + "/edit");
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit books"));
    browser.find(By.tagName("summary")).click();
    input("hooks[0].http.url").sendKeys("http://127.0.0.1:9/ready");
    browser.find(By.xpath("//label[normalize-space()='Remove its headers']")).click();
    browser.find(By.xpath("//label[normalize-space()='Remove its signing secret']")).click();
    browser.find(button("Save the plan")).click();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "books"));
    hook = api.get("/api/v1/plans/" + planId).body().at("/hooks/0");
    assertThat(hook.at("/http/host").asString()).isEqualTo("127.0.0.1:9");
    assertThat(hook.at("/http/headers").size()).as("headers left").isZero();
    assertThat(hook.at("/http/secretSet").asBoolean()).isFalse();
  }

  /** The form's control showing an API field. */
  private static WebElement input(String apiField) {
    return browser.find(By.cssSelector("[data-field='" + apiField + "']"));
  }

  /** A figure of a finished run, as its page shows it. */
  private static String figure(String term) {
    return browser
        .find(By.xpath("//dl[@id='run-figures']/dt[.='" + term + "']/following-sibling::dd[1]"))
        .getText();
  }

  /** Forgets the tab's sign-in, as closing the tab would. */
  private static void signOut() {
    browser.driver.get(base + "/");
    browser.script("sessionStorage.clear();");
    browser.driver.navigate().refresh();
    browser.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in to syncplan"));
  }

  private static void writeFile(Path file, String content, Instant modified) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private static void awaitSucceeded(ApiClient api, tools.jackson.databind.JsonNode accepted) {
    String runId = accepted.get("runId").asString();
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                List.of("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED")
                    .contains(api.get("/api/v1/runs/" + runId).body().get("status").asString()));
    tools.jackson.databind.JsonNode run = api.get("/api/v1/runs/" + runId).body();
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
  }

  private static String createPlan(String json) throws Exception {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/plans"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String body = created.body();
    int idAt = body.indexOf("\"id\":\"");
    return body.substring(idAt + 6, body.indexOf('"', idAt + 6));
  }

  private static String keyId(String name) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/keys"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    int at = body.indexOf("\"name\":\"" + name + "\"");
    int idAt = body.lastIndexOf("\"id\":\"", at);
    return body.substring(idAt + 6, body.indexOf('"', idAt + 6));
  }
}
