package io.syncplan.embedded;

import java.nio.file.Path;

/**
 * The store file exists but cannot be read whole. The stack stops rather than start with an empty
 * or partial store, which would lose every plan and run silently; the message names the file and
 * says what to do.
 */
public final class DamagedStoreException extends IllegalStateException {

  DamagedStoreException(Path file, String problem) {
    super(
        "The store file "
            + file
            + " cannot be read: "
            + problem
            + ". syncplan did not start, so that the file is not replaced by an empty store."
            + " Restore the file from a backup (with syncplan stopped), or move it away to start"
            + " afresh without the plans and runs it held.");
  }
}
