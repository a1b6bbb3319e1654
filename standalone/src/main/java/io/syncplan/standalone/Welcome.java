package io.syncplan.standalone;

/** What the stack prints once it is up: where things are, the API key, a first request to try. */
final class Welcome {

  private Welcome() {}

  static String text(StandaloneStack stack) {
    String api = stack.apiUrl();
    String file = stack.generatedKeyFile().toString();
    String key =
        stack
            .generatedApiKey()
            .map(
                generated ->
                    "  Admin API key  generated, in "
                        + file
                        + " (readable by you only)"
                        // standard output may be a log others read; a terminal is only yours
                        + (System.console() != null ? "\n                 " + generated : ""))
            .orElse(
                stack.settings().bootstrapApiKey() != null
                    ? "  Admin API key  the one in SYNCPLAN_BOOTSTRAP_API_KEY"
                    : "  Admin API key  the one generated at the first start, in " + file);
    String export =
        stack.settings().bootstrapApiKey() != null
            ? "export SYNCPLAN_API_KEY=<the admin API key>"
            : "export SYNCPLAN_API_KEY=$(cat " + file + ")";
    return """

        syncplan is running.
          Console        %s/   (sign in with the admin API key below)
          API            %s/api/v1   (OpenAPI: %s/swagger-ui.html)
          Kafka          %s%s
          MongoDB        %s
          Data           %s
          Network        %s
                         (SYNCPLAN_NETWORK_ALLOW; see docs/security.md)
          Local roots    %s
                         (plans may use local paths only here: SYNCPLAN_LOCAL_ROOTS)
        %s
        Create a plan:
          %s
          curl -s -X POST %s/api/v1/plans -H "Authorization: Bearer $SYNCPLAN_API_KEY" \\
            -H 'Content-Type: application/json' \\
            -d '{"name":"docs","source":{"path":"/tmp/syncplan-demo/src"},"destination":{"path":"/tmp/syncplan-demo/dst"},"mode":"MIRROR"}'
        Then run it (use the id it answered with):
          curl -s -X POST %s/api/v1/plans/<id>/runs -H "Authorization: Bearer $SYNCPLAN_API_KEY"
        Stop with Ctrl-C.
        """
        .formatted(
            api,
            api,
            api,
            stack.kafkaBootstrapServers(),
            stack.embeddedKafka() ? " (embedded)" : "",
            stack.embeddedMongo() ? "embedded, in the data directory" : "external",
            stack.settings().dataDir(),
            stack.networkPolicy(),
            String.join(", ", stack.settings().localRoots()),
            key,
            export,
            api,
            api);
  }
}
