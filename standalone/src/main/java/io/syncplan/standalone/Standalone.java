package io.syncplan.standalone;

import sun.misc.Signal;

/**
 * Starts the whole syncplan stack on this machine: {@code ./mvnw -pl standalone -am
 * spring-boot:run}. Ctrl-C stops it; data stays under {@code ./data}. See {@link
 * StandaloneSettings} for what can be configured.
 */
public final class Standalone {

  private Standalone() {}

  public static void main(String[] args) {
    StandaloneSettings settings;
    StandaloneStack stack;
    try {
      settings = StandaloneSettings.from(System.getenv(), args);
      stack = StandaloneStack.start(settings);
    } catch (RuntimeException e) {
      System.err.println();
      System.err.println("syncplan could not start: " + rootMessage(e));
      System.exit(1);
      return;
    }
    // Ctrl-C and SIGTERM stop the stack through the shutdown hook and end the process normally.
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), received -> System.exit(0));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("syncplan: stopping...");
                  stack.close();
                  System.out.println("syncplan: stopped.");
                },
                "syncplan-shutdown"));
    System.out.println(Welcome.text(stack));
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
