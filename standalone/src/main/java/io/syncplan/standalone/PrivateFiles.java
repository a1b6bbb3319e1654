package io.syncplan.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets the stack makes once per data directory, in files only their owner can read. */
final class PrivateFiles {

  private PrivateFiles() {}

  /**
   * The content of the file, made first when it does not exist: created with mode 0600, so that it
   * is never readable by others, not even for a moment.
   */
  static String readOrCreate(Path file, Supplier<String> make) {
    try {
      if (!Files.exists(file)) {
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
        Files.writeString(file, make.get());
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a secret in " + file, e);
    }
  }
}
