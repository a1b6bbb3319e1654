package io.syncplan.standalone;

/** What the stack prints once it is up: where things are, and a first request to try. */
final class Welcome {

  private Welcome() {}

  static String text(StandaloneStack stack) {
    String api = stack.apiUrl();
    return """

        syncplan is running.
          API        %s/api/v1
          Kafka      %s%s
          MongoDB    %s
          Data       %s
        Create a plan:
          curl -s -X POST %s/api/v1/plans -H 'Content-Type: application/json' \\
            -d '{"name":"docs","source":{"path":"/tmp/syncplan-demo/src"},"destination":{"path":"/tmp/syncplan-demo/dst"},"mode":"MIRROR"}'
        Then run it (use the id it answered with):
          curl -s -X POST %s/api/v1/plans/<id>/runs
        Stop with Ctrl-C.
        """
        .formatted(
            api,
            stack.kafkaBootstrapServers(),
            stack.embeddedKafka() ? " (embedded)" : "",
            stack.embeddedMongo() ? "embedded, in the data directory" : "external",
            stack.settings().dataDir(),
            api,
            api);
  }
}
