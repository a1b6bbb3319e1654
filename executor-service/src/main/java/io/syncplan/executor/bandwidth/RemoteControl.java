package io.syncplan.executor.bandwidth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sets the bandwidth limit of a running rclone through its remote control ({@code core/bwlimit}).
 */
final class RemoteControl {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_ANSWER_SHOWN = 200;

  // The remote control is on loopback: never through a proxy the executor may be told to use.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(TIMEOUT)
          .build();

  /** Fails when rclone cannot be reached (it may be ending) or refuses the rate. */
  void setLimit(BandwidthShare share, Rate rate) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(share.address().resolve("core/bwlimit"))
            .timeout(TIMEOUT)
            .header("Authorization", share.authorization())
            .header("Content-Type", "application/json")
            // toRclone() is digits, 'B', ':' and "off" only: nothing to escape.
            .POST(HttpRequest.BodyPublishers.ofString("{\"rate\":\"" + rate.toRclone() + "\"}"))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      String body = answer.body();
      throw new IOException(
          "rclone answered "
              + answer.statusCode()
              + ": "
              + body.substring(0, Math.min(body.length(), MAX_ANSWER_SHOWN)).strip());
    }
  }
}
