package io.syncplan.standalone;

/** What the stack prints once it is up: where things are, the API key, a first request to try. */
final class Welcome {

  private Welcome() {}

  static String text(StandaloneStack stack) {
    String api = stack.apiUrl();
    String key =
        stack
            .generatedApiKey()
            .map(
                generated ->
                    "  Admin API key  "
                        + generated
                        + "\n                 (shown only now: keep it, or set"
                        + " SYNCPLAN_BOOTSTRAP_API_KEY)")
            .orElse(
                stack.settings().bootstrapApiKey() != null
                    ? "  Admin API key  the one in SYNCPLAN_BOOTSTRAP_API_KEY"
                    : "  Admin API key  the one printed at the first start");
    return """

        syncplan is running.
          API            %s/api/v1   (OpenAPI: %s/swagger-ui.html)
          Kafka          %s%s
          MongoDB        %s
          Data           %s
          Local roots    %s   (plans may use local paths only here: SYNCPLAN_LOCAL_ROOTS)
        %s
        Create a plan:
          export SYNCPLAN_API_KEY=<the admin API key>
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
            stack.kafkaBootstrapServers(),
            stack.embeddedKafka() ? " (embedded)" : "",
            stack.embeddedMongo() ? "embedded, in the data directory" : "external",
            stack.settings().dataDir(),
            String.join(", ", stack.settings().localRoots()),
            key,
            api,
            api);
  }
}
