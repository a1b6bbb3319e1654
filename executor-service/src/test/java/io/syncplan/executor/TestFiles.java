package io.syncplan.executor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files of an exact size, for runs that must last a while under the tests' bandwidth cap. */
public final class TestFiles {

  private TestFiles() {}

  /** Writes {@code bytes} random bytes (incompressible, the same for the same seed). */
  public static Path sized(Path file, long bytes, long seed) {
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        for (long left = bytes; left > 0; left -= block.length) {
          random.nextBytes(block);
          out.write(block, 0, (int) Math.min(block.length, left));
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
