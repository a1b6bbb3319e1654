package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver), with what the console tests do
 * with it: wait for things, check a page with axe-core, take screenshots at the two sizes people
 * use. Selenium is pointed at the installed driver, so it never downloads one.
 */
final class Browser implements AutoCloseable {

  static final Dimension DESKTOP = new Dimension(1280, 800);
  static final Dimension PHONE = new Dimension(390, 844);

  private static final List<Path> CHROMIUMS =
      List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path screenshots;
  private String axe;

  private Browser(ChromeDriver driver, Path screenshots) {
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /** Why no browser test can run here, or empty when Chromium and its driver are installed. */
  static Optional<String> missing() {
    if (CHROMIUMS.stream().noneMatch(Files::isExecutable)) {
      return Optional.of(
          "no Chromium at /usr/bin/chromium: install Debian's chromium and chromium-driver"
              + " (.ci/run does) to run the console's browser tests");
    }
    if (!Files.isExecutable(DRIVER)) {
      return Optional.of("no /usr/bin/chromedriver: install Debian's chromium-driver");
    }
    return Optional.empty();
  }

  static Browser start(Path profile, Path screenshots) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(
        CHROMIUMS.stream().filter(Files::isExecutable).findFirst().orElseThrow().toString());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=1280,800");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    Browser browser = new Browser(driver, screenshots);
    browser.size(DESKTOP);
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return browser;
  }

  WebDriverWait waitUpTo(Duration timeout) {
    // pages redraw parts of themselves as live events come: an element can go while it is read
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  <T> T until(ExpectedCondition<T> condition) {
    return waitUpTo(Duration.ofSeconds(30)).until(condition);
  }

  WebElement find(By by) {
    return until(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** The page's heading once the page has drawn it. */
  String heading() {
    return find(By.tagName("h1")).getText();
  }

  /** Makes the page's viewport exactly this size (a window's size would include its frame). */
  void size(Dimension size) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            size.width,
            "height",
            size.height,
            "deviceScaleFactor",
            1,
            "mobile",
            size.width < 600));
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves the page at both sizes as target/console-screenshots/NAME-WxH.png. */
  void screenshots(String name) {
    for (Dimension size : List.of(DESKTOP, PHONE)) {
      size(size);
      screenshot(name + "-" + size.width + "x" + size.height);
    }
    size(DESKTOP);
  }

  void screenshot(String name) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(screenshots.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs axe-core on the page, at both sizes, and fails on any serious or critical violation. */
  @SuppressWarnings("unchecked")
  void assertAccessible(String page) {
    if (axe == null) {
      try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Dimension size : List.of(DESKTOP, PHONE)) {
      size(size);
      script(axe);
      List<Map<String, Object>> violations =
          (List<Map<String, Object>>)
              ((JavascriptExecutor) driver)
                  .executeAsyncScript(
                      "const done = arguments[arguments.length - 1];"
                          + "axe.run(document, {resultTypes: ['violations']})"
                          + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                          + " help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                          + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),"
                          + " nodes: []}]));");
      List<String> serious =
          violations.stream()
              .filter(v -> List.of("serious", "critical").contains(v.get("impact")))
              .map(
                  v ->
                      v.get("id")
                          + " ("
                          + v.get("impact")
                          + "): "
                          + v.get("help")
                          + " at "
                          + v.get("nodes"))
              .collect(Collectors.toList());
      assertThat(serious).as("serious accessibility problems on %s at %s", page, size).isEmpty();
    }
    size(DESKTOP);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
