package io.syncplan.plan.web;

import java.util.List;
import java.util.Random;

/** Random requests for {@link ApiFuzzTest}: mostly broken versions of valid ones. */
final class FuzzRequests {

  static final String VALID_PLAN =
      """
      {"name":"fuzz","description":"d","tags":["a"],"source":{"path":"/data/f"},
       "destination":{"path":"/backup/f"},"mode":"MIRROR",
       "schedule":{"type":"CRON","cron":"0 0 * * * *","timeZone":"UTC"},
       "revisions":{"keepDays":3},"filters":{"excludePatterns":["*.tmp"],"presets":["SYSTEM_FILES"]},
       "performance":{"transfers":4,"maxDuration":"1h"},"retries":{"attempts":2,"delay":"10s"},
       "notifications":{"emails":[{"address":"a@example.com","on":["FAILURE"]}],
                        "webhooks":[{"url":"https://h.example.com/x","headers":{"X-A":"b"}}]},
       "encryption":{"password":"password-1"},"pool":"default","priority":"LOW",
       "deletionGuard":{"maxDeletePercent":10},"paused":false}
      """;
  static final String VALID_SCHEDULE =
      """
      {"type":"MONTHLY","dayOfMonth":31,"time":"02:30","timeZone":"Europe/Berlin","overlap":"SKIP"}
      """;
  static final String VALID_STORAGE =
      """
      {"name":"fuzz-s","type":"s3","options":{"region":"x","provider":"AWS"},
       "secrets":{"secret_access_key":"k"}}
      """;

  record Request(
      String method, String path, String contentType, String body, boolean authenticated) {

    @Override
    public String toString() {
      String shown =
          body == null
              ? "no body"
              : body.length() > 300
                  ? body.substring(0, 300) + "... (" + body.length() + " chars)"
                  : body;
      return method + " " + path + " [" + contentType + "] " + shown;
    }
  }

  record Known(String planId, String storageId) {}

  private static final List<String> NASTY =
      List.of(
          "",
          " ",
          "-rf",
          "--config=/etc/passwd",
          "/data/\\u0000x",
          "/data/a\\nb",
          "relative/path",
          "../../etc",
          "%00",
          "${jndi:ldap://x}",
          "{{7*7}}",
          "'; drop table plans; --",
          "\\ud83d\\ude00",
          "ftp://example.com",
          "javascript:alert(1)",
          "http://",
          "0 0 0 0 0 0 0",
          "Mars/Olympus_Mons",
          "P-1D",
          "PT0S",
          "9999999999999999999999",
          "NaN");

  private final Random random;
  private final Known known;

  FuzzRequests(Random random, Known known) {
    this.random = random;
    this.known = known;
  }

  Request next() {
    int kind = random.nextInt(100);
    if (kind < 5) {
      return new Request("GET", path(), null, null, false);
    }
    String method = pick("GET", "POST", "PUT", "PATCH", "DELETE", "POST", "PUT", "POST");
    String path = path();
    String contentType =
        random.nextInt(10) == 0
            ? pick("text/plain", "application/xml", "application/merge-patch+json", "")
            : "application/json";
    String body =
        switch (random.nextInt(8)) {
          case 0 -> null;
          case 1 -> garbage();
          case 2 -> truncate(VALID_PLAN);
          case 3, 4 ->
              mutate(
                  path.contains("storages")
                      ? VALID_STORAGE
                      : path.contains("schedules") ? VALID_SCHEDULE : VALID_PLAN);
          case 5 -> "x".repeat(300_000);
          default -> mutate(mutate(VALID_PLAN));
        };
    return new Request(method, path, contentType.isEmpty() ? null : contentType, body, true);
  }

  private String path() {
    String plan = random.nextInt(4) == 0 ? nastyId() : known.planId();
    String storage = random.nextInt(4) == 0 ? nastyId() : known.storageId();
    return pick(
        "/api/v1/plans",
        "/api/v1/plans?size=" + pick("0", "-1", "501", "x", "50") + "&page=" + pick("-1", "0", "x"),
        "/api/v1/plans?mode=" + pick("MIRROR", "X", "") + "&status=" + pick("PAUSED", "nope"),
        "/api/v1/plans/" + plan,
        "/api/v1/plans/by-name/" + pick("fuzz", "fuzz-seed", nastyId()),
        "/api/v1/plans/" + plan + "/pause",
        "/api/v1/plans/" + plan + "/resume",
        "/api/v1/plans/" + plan + "/runs",
        "/api/v1/plans/"
            + plan
            + "/runs?status="
            + pick("FAILED", "X")
            + "&from="
            + pick("2020-01-01T00:00:00Z", "yesterday"),
        "/api/v1/plans/" + plan + "/dry-run",
        "/api/v1/plans/" + plan + "/cancel",
        "/api/v1/plans/" + plan + "/revisions/cleanup",
        "/api/v1/plans/" + plan + "/notifications/test",
        "/api/v1/runs",
        "/api/v1/runs/" + nastyId(),
        "/api/v1/runs/" + nastyId() + "/changes?size=" + pick("0", "5", "99999"),
        "/api/v1/runs/" + nastyId() + "/log",
        "/api/v1/runs/" + nastyId() + "/cancel",
        "/api/v1/runs/" + nastyId() + "/deliveries",
        "/api/v1/storages",
        "/api/v1/storages/backends",
        "/api/v1/storages/" + storage,
        "/api/v1/storages/" + storage + "/test",
        "/api/v1/keys",
        "/api/v1/keys/" + nastyId(),
        "/api/v1/schedules/preview?count="
            + pick("5", "0", "101", "x", "-1")
            + "&after="
            + pick(
                "2026-03-29T00:30:00Z",
                "x",
                "-999999999-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59Z"));
  }

  private String nastyId() {
    return ApiFuzzTest.encode(pick(NASTY.toArray(String[]::new)) + random.nextInt(1000));
  }

  private String garbage() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(200);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x3000));
    }
    return pick(
        text.toString(), "{", "[]", "null", "42", "\"text\"", "{\"name\":", "{}}", "{\"a\":1}");
  }

  private String truncate(String json) {
    return json.substring(0, random.nextInt(json.length()));
  }

  /** Replaces one value, removes one member or adds an unknown one. */
  private String mutate(String json) {
    String[] fields = {
      "name",
      "description",
      "path",
      "mode",
      "type",
      "cron",
      "timeZone",
      "keepDays",
      "transfers",
      "maxDuration",
      "attempts",
      "delay",
      "address",
      "url",
      "password",
      "pool",
      "priority",
      "maxDeletePercent",
      "paused",
      "tags",
      "presets",
      "excludePatterns",
      "headers",
      "region",
      "secret_access_key",
      "options",
      "secrets",
      "on",
      "schedule",
      "filters"
    };
    String field = "\"" + pick(fields) + "\":";
    int at = json.indexOf(field);
    if (at < 0) {
      return json.replaceFirst(
          "\\{", "{\"" + pick("colour", "__proto__", "id", "version") + "\":1,");
    }
    int start = at + field.length();
    int end = valueEnd(json, start);
    String value =
        switch (random.nextInt(6)) {
          case 0 -> "\"" + pick(NASTY.toArray(String[]::new)) + "\"";
          case 1 -> pick("null", "true", "-1", "0", "1e308", "99999999999", "[]", "{}", "[null]");
          case 2 -> "\"" + "y".repeat(random.nextInt(5000)) + "\"";
          case 3 -> "[" + "\"t\",".repeat(random.nextInt(40)) + "\"t\"]";
          case 4 ->
              "{\""
                  + pick("X-A", "Bad Header", "host", "a b")
                  + "\":\""
                  + pick(NASTY.toArray(String[]::new))
                  + "\"}";
          default -> String.valueOf(random.nextInt());
        };
    return json.substring(0, start) + value + json.substring(end);
  }

  /** Where the JSON value starting at {@code start} ends. */
  private static int valueEnd(String json, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return json.length();
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
