package io.syncplan.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The defaults of {@code syncplan.scheduler.*} live in {@link SchedulerProperties}; the table in
 * docs/scheduling.md must say the same, for every setting.
 */
class SchedulerConfigurationDocsTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ([^|]+?) \\|");

  @Test
  void theDocumentedDefaultsAreTheDefaultsOfEverySetting() throws Exception {
    SchedulerProperties defaults =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("syncplan.scheduler", SchedulerProperties.class);
    Map<String, String> documented = documentedDefaults();

    for (RecordComponent component : SchedulerProperties.class.getRecordComponents()) {
      String name = kebab(component.getName());
      assertThat(documented).as("docs/scheduling.md documents %s", name).containsKey(name);
      Object actual = component.getAccessor().invoke(defaults);
      String text = documented.get(name);
      Object expected =
          actual instanceof Duration ? DurationStyle.detectAndParse(text) : Integer.valueOf(text);
      assertThat(actual).as("default of %s", name).isEqualTo(expected);
    }
    assertThat(documented).hasSize(SchedulerProperties.class.getRecordComponents().length);
  }

  /** The rows of the configuration table: setting name to default as written. */
  private static Map<String, String> documentedDefaults() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "scheduling.md"));
    String table = page.substring(page.indexOf("## Configuration"), page.indexOf("## Metrics"));
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : table.lines().toList()) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.put(row.group(1), row.group(2).strip());
      }
    }
    return rows;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
  }
}
