package io.syncplan.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class DockerfileTest {

  static final List<String> SERVICES = Repository.SERVICES;
  private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

  @ParameterizedTest
  @FieldSource("SERVICES")
  void buildsInStagesAndRunsTheLayeredJarAsANonRootUser(String module) {
    String dockerfile = Repository.read(module + "/Dockerfile");

    Matcher from = FROM.matcher(dockerfile);
    int stages = 0;
    while (from.find()) {
      stages++;
      String image = from.group(1);
      assertThat(image).as("base image of " + module).contains(":").doesNotEndWith(":latest");
    }
    assertThat(stages).isGreaterThanOrEqualTo(3);
    assertThat(dockerfile).contains("-jre-", "-Djarmode=tools", "--layers");
    for (String layer :
        List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
      assertThat(dockerfile).contains("extracted/" + layer + "/");
    }
    assertThat(dockerfile).containsPattern("(?m)^USER 10001(:10001)?$");
    // Exec form: java is PID 1 and gets SIGTERM itself, so a graceful shutdown can happen.
    assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\",");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void everyServiceHasItsDockerfile(String module) {
    assertThat(Repository.ROOT.resolve(module).resolve("Dockerfile")).exists();
  }

  /**
   * The root pom's {@code rclone.version} is the one fact: {@code .ci/fetch-rclone.sh} fetches it
   * and the executor's tests run on it, so the image must ship exactly that rclone.
   */
  @org.junit.jupiter.api.Test
  void theExecutorImageShipsTheNewestRcloneTheTestsRunOn() {
    Matcher tested =
        Pattern.compile("<rclone\\.version>([^<]+)</rclone\\.version>")
            .matcher(Repository.read("pom.xml"));
    assertThat(tested.find()).as("rclone.version in the root pom.xml").isTrue();
    Matcher shipped =
        Pattern.compile("(?m)^FROM rclone/rclone:(\\S+) AS rclone$")
            .matcher(Repository.read("executor-service/Dockerfile"));
    assertThat(shipped.find()).as("the rclone stage of executor-service/Dockerfile").isTrue();

    assertThat(shipped.group(1)).isEqualTo(tested.group(1));
    assertThat(Repository.read(".ci/fetch-rclone.sh")).contains("property rclone.version");
  }

  @org.junit.jupiter.api.Test
  void theExecutorImageCarriesRcloneFromTheOfficialImageAndAWritableWorkDirectory() {
    String dockerfile = Repository.read("executor-service/Dockerfile");
    assertThat(dockerfile).containsPattern("(?m)^FROM rclone/rclone:\\d+\\.\\d+\\.\\d+ AS rclone$");
    assertThat(dockerfile).contains("COPY --from=rclone /usr/local/bin/rclone");
    assertThat(dockerfile).contains("VOLUME [\"/work\"]");
  }
}
