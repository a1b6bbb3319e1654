package io.syncplan.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smoke check of docs/metrics.md (the table between its {@code smoke-check} markers) against
 * what the services' {@code /actuator/prometheus} endpoints export: the doc is the list, so doc and
 * code cannot drift apart.
 */
final class SmokeCheckMetrics {

  /** A sample that must be exported, with the labels it must carry, by one service. */
  record Expected(String sample, Set<String> labels, String service) {}

  static final Path DOCUMENT =
      Path.of(System.getProperty("syncplan.repository", ".."), "docs", "metrics.md");

  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SmokeCheckMetrics() {}

  /** The rows of the smoke-check table in docs/metrics.md. */
  static List<Expected> expected() {
    String document;
    try {
      document = Files.readString(DOCUMENT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = document.indexOf("<!-- smoke-check:start -->");
    int end = document.indexOf("<!-- smoke-check:end -->");
    if (start < 0 || end < start) {
      throw new IllegalStateException(DOCUMENT + " has no smoke-check table");
    }
    List<Expected> expected = new ArrayList<>();
    for (String line : document.substring(start, end).lines().toList()) {
      if (!line.startsWith("| `")) {
        continue; // the marker, the header and its separator
      }
      String[] cells = line.split("\\|");
      Set<String> labels = new TreeSet<>();
      Arrays.stream(cells[2].split(","))
          .map(label -> label.replace("`", "").strip())
          .filter(label -> !label.isEmpty())
          .forEach(labels::add);
      expected.add(new Expected(cells[1].replace("`", "").strip(), labels, cells[3].strip()));
    }
    return expected;
  }

  /** What each service exports now, by service name. */
  static Map<String, String> scrape(StandaloneStack stack) {
    Map<String, String> scraped = new LinkedHashMap<>();
    stack
        .healthUrls()
        .forEach(
            (service, healthUrl) ->
                scraped.put(
                    service, get(healthUrl.replace("/actuator/health", "/actuator/prometheus"))));
    return scraped;
  }

  /** The expected samples that the scraped text does not have, with their labels; none is good. */
  static List<Expected> missing(List<Expected> expected, Map<String, String> scraped) {
    return expected.stream()
        .filter(row -> !exports(scraped.getOrDefault(row.service(), ""), row))
        .toList();
  }

  private static boolean exports(String exposition, Expected row) {
    for (String line : exposition.lines().toList()) {
      if (line.startsWith(row.sample() + "{") || line.startsWith(row.sample() + " ")) {
        Set<String> labels = new TreeSet<>();
        int brace = line.indexOf('{');
        if (brace > 0) {
          Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
          while (label.find()) {
            labels.add(label.group(1));
          }
        }
        if (labels.containsAll(row.labels())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String get(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
