package io.syncplan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * A service's settings and their defaults live in its {@code @ConfigurationProperties} records; the
 * configuration tables of its doc must name every one of them and give the same defaults. A table
 * row is {@code | `name` | default | meaning |}; one row may name several settings of one prefix
 * ({@code `syncplan.executor.connect-timeout`, `io-timeout`}) with their defaults in the same
 * order. A default written as a value ({@code 30s}, {@code 4MB}, {@code 100}, {@code true}, {@code
 * `UTC`}) must be the record's; one written in words ("a third of the lease") is left to the
 * reader.
 */
public final class ConfigurationDocs {

  private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]*?) \\|");
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");
  private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern SIZE = Pattern.compile("\\d+(B|KB|MB|GB)");

  private final Map<String, String> documented;
  private final String doc;
  private java.util.Set<String> required = java.util.Set.of();

  private ConfigurationDocs(String doc, Map<String, String> documented) {
    this.doc = doc;
    this.documented = documented;
  }

  /** The rows of every table in the doc ({@code ../docs/<name>} from a module's folder). */
  public static ConfigurationDocs of(String docName) {
    Path path = Path.of("..", "docs", docName);
    try {
      return new ConfigurationDocs(docName, rows(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails naming every setting under {@code prefix} that the doc leaves out or gives another
   * default.
   */
  public void assertDocuments(String prefix, Class<?> properties) {
    assertDocuments(prefix, properties, Map.of());
  }

  /**
   * As {@link #assertDocuments(String, Class)}, for settings that cannot be created without some
   * values: {@code required} gives them (full names), and their defaults are not compared.
   */
  public void assertDocuments(String prefix, Class<?> properties, Map<String, String> required) {
    this.required = required.keySet();
    Object defaults =
        new Binder(new MapConfigurationPropertySource(required)).bindOrCreate(prefix, properties);
    SoftAssertions softly = new SoftAssertions();
    check(prefix, "", properties, defaults, softly);
    softly.assertAll();
  }

  /**
   * @param relative the settings' names below the prefix given to {@link #assertDocuments}, as a
   *     table may name them ({@code tick} for {@code syncplan.scheduler.tick})
   */
  private void check(
      String prefix, String relative, Class<?> type, Object value, SoftAssertions softly) {
    for (RecordComponent component : type.getRecordComponents()) {
      String name = prefix + "." + kebab(component.getName());
      String shortName = relative + kebab(component.getName());
      Object actual = read(component, value);
      String text = documented.containsKey(name) ? documented.get(name) : documented.get(shortName);
      if (component.getType().isRecord() && text == null) {
        check(name, shortName + ".", component.getType(), actual, softly);
        continue;
      }
      boolean named =
          text != null
              || documented.keySet().stream()
                  .anyMatch(key -> isPartOf(key, name) || isPartOf(key, shortName));
      softly.assertThat(named).as("docs/%s documents %s", doc, name).isTrue();
      if (required.contains(name)) {
        continue;
      }
      if (text != null && text.startsWith("none")) {
        softly
            .assertThat(isEmpty(actual))
            .as("docs/%s says %s has no default, but it is %s", doc, name, actual)
            .isTrue();
      } else if (text != null && actual != null) {
        Object expected = parse(text.replace("`", "").strip(), actual);
        if (expected != null) {
          softly
              .assertThat(actual)
              .as("the default of %s in docs/%s", name, doc)
              .isEqualTo(expected);
        }
      }
    }
  }

  /** A row for one entry of a list or a map setting ({@code defaults.emails[]}, {@code env.*}). */
  private static boolean isPartOf(String key, String name) {
    return key.startsWith(name + ".") || key.startsWith(name + "[");
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof java.util.Collection<?> collection && collection.isEmpty())
        || (value instanceof Map<?, ?> map && map.isEmpty())
        || value.toString().isEmpty()
        || value.toString().equals("[]")
        || value.toString().equals("{}");
  }

  /** The documented default as the setting's type, or null when it is written in words. */
  private static Object parse(String text, Object actual) {
    if (actual instanceof Duration && DURATION.matcher(text).matches()) {
      return DurationStyle.detectAndParse(text);
    }
    if (actual instanceof DataSize && SIZE.matcher(text).matches()) {
      return DataSize.parse(text);
    }
    if (actual instanceof Integer && NUMBER.matcher(text).matches()) {
      return Integer.valueOf(text);
    }
    if (actual instanceof Double && NUMBER.matcher(text).matches()) {
      return Double.valueOf(text);
    }
    if (actual instanceof Boolean && (text.equals("true") || text.equals("false"))) {
      return Boolean.valueOf(text);
    }
    if (!(actual instanceof Number || actual instanceof Boolean || actual instanceof Duration)
        && !text.contains(" ")
        && !text.contains("$")) {
      return actual.getClass().isEnum() ? Enum.valueOf(enumType(actual), text) : text;
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class enumType(Object value) {
    return ((Enum) value).getDeclaringClass();
  }

  private static Object read(RecordComponent component, Object record) {
    if (record == null) {
      return null;
    }
    try {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      Object value = accessor.invoke(record);
      return value == null || value instanceof String || value.getClass().isRecord()
          ? value
          : value instanceof Enum<?> || isSimple(value) ? value : value.toString();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSimple(Object value) {
    return value instanceof Number
        || value instanceof Boolean
        || value instanceof Duration
        || value instanceof DataSize;
  }

  private static Map<String, String> rows(String page) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : page.lines().toList()) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      Matcher name = NAME.matcher(row.group(1));
      while (name.find()) {
        String found = name.group(1);
        names.add(
            names.isEmpty() || found.contains(".")
                ? found
                : names.get(0).substring(0, names.get(0).lastIndexOf('.') + 1) + found);
      }
      String[] defaults = row.group(2).split(", ");
      for (int i = 0; i < names.size(); i++) {
        rows.put(
            names.get(i),
            defaults.length == names.size() ? defaults[i].strip() : row.group(2).strip());
      }
    }
    return rows;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }
}
