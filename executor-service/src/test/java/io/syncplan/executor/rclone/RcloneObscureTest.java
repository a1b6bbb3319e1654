package io.syncplan.executor.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.testsupport.TestRclone;
import io.syncplan.testsupport.WithRclone;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our obscure is rclone's: rclone reveals what we obscure, and we reveal what rclone obscures. */
@WithRclone
class RcloneObscureTest {

  private static final String TEST_ONLY_PASSWORD = "pässwörd with spaces & symbols !#";

  @Test
  void rcloneRevealsWhatWeObscure() throws Exception {
    String obscured = RcloneObscure.obscure(TEST_ONLY_PASSWORD);

    assertThat(rclone("reveal", "--", obscured)).isEqualTo(TEST_ONLY_PASSWORD);
    assertThat(obscured).isNotEqualTo(RcloneObscure.obscure(TEST_ONLY_PASSWORD));
  }

  @Test
  void weRevealWhatRcloneObscures() throws Exception {
    Process obscure = new ProcessBuilder(TestRclone.binary(), "obscure", "-").start();
    obscure.getOutputStream().write(TEST_ONLY_PASSWORD.getBytes(StandardCharsets.UTF_8));
    obscure.getOutputStream().close();
    String obscured = new String(obscure.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(obscure.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(RcloneObscure.reveal(obscured.strip())).isEqualTo(TEST_ONLY_PASSWORD);
  }

  private static String rclone(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = TestRclone.binary();
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
