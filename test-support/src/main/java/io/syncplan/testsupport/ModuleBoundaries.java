package io.syncplan.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boundaries of one service module, as {@code docs/architecture.md} ("Where code goes") draws
 * them: one package per feature under {@code io.syncplan.<service>}, no cycles between them, no
 * service reaching into another service's code (they talk over Kafka and HTTP only), and every
 * feature named in the doc.
 */
public final class ModuleBoundaries {

  private static final List<String> SERVICES =
      List.of("plan", "scheduler", "executor", "notification");
  private static final Pattern NAMED = Pattern.compile("`([a-z]+)`");

  private final String service;
  private final String module;
  private final JavaClasses classes;

  private ModuleBoundaries(String service, String module, JavaClasses classes) {
    this.service = service;
    this.module = module;
    this.classes = classes;
  }

  /**
   * The main classes (not the tests) of a service, read from its build's {@code target/classes}
   * (the tests run in the module's folder): only the module's own classes are read, not the
   * classpath.
   *
   * @param service the service's package under {@code io.syncplan}, e.g. {@code plan}
   * @param module its Maven module, e.g. {@code plan-service}
   */
  public static ModuleBoundaries of(String service, String module) {
    JavaClasses classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    return new ModuleBoundaries(service, module, classes);
  }

  /** Fails naming the cycle when two feature packages depend on each other, however indirectly. */
  public void featuresAreFreeOfCycles() {
    slices().matching(root(service) + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  /** Fails when the service uses a class of another service. */
  public void dependsOnNoOtherService() {
    String[] others =
        SERVICES.stream()
            .filter(other -> !other.equals(service))
            .map(other -> root(other) + "..")
            .toArray(String[]::new);
    noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
  }

  /** Fails naming the feature packages that the module's entry of "Where code goes" leaves out. */
  public void everyFeatureIsInWhereCodeGoes(Path architectureDoc) {
    Set<String> named = namedIn(whereCodeGoes(architectureDoc));
    Set<String> features = new TreeSet<>();
    String prefix = root(service) + ".";
    for (JavaClass type : classes) {
      String name = type.getPackageName();
      if (name.startsWith(prefix)) {
        features.add(name.substring(prefix.length()).split("\\.")[0]);
      }
    }
    assertThat(features).as("the feature packages of %s", module).isNotEmpty();
    assertThat(named)
        .as("the packages docs/architecture.md names for %s under \"Where code goes\"", module)
        .containsAll(features);
  }

  private String whereCodeGoes(Path architectureDoc) {
    String doc;
    try {
      doc = Files.readString(architectureDoc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int section = doc.indexOf("\n## Where code goes\n");
    assertThat(section).as("a section \"Where code goes\" in %s", architectureDoc).isNotNegative();
    int end = doc.indexOf("\n## ", section + 1);
    String text = doc.substring(section, end < 0 ? doc.length() : end);
    int entry = text.indexOf("\n- " + module + " ");
    assertThat(entry).as("an entry for %s under \"Where code goes\"", module).isNotNegative();
    int stop = text.indexOf("\n- ", entry + 1);
    return text.substring(entry, stop < 0 ? text.length() : stop);
  }

  private static Set<String> namedIn(String entry) {
    Set<String> named = new TreeSet<>();
    Matcher matcher = NAMED.matcher(entry);
    while (matcher.find()) {
      named.add(matcher.group(1));
    }
    return named;
  }

  private static String root(String service) {
    return "io.syncplan." + service;
  }
}
