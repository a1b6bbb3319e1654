package io.syncplan.contracts.secret;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Whose secret it is and which of its fields holds it: the associated data a secret is sealed with.
 * A sealed secret opens only for the owner and field it was sealed for, so one copied into another
 * storage, plan or field (by whoever can write the database or a topic) does not open.
 *
 * @param owner the id of the storage or plan the secret belongs to
 * @param field the field that holds it, for example {@code pass} or {@code encryption.password}
 */
public record SecretContext(String owner, String field) {

  public SecretContext {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(field, "field");
  }

  /** A storage's secret option. */
  public static SecretContext storage(String storageId, String option) {
    return new SecretContext("storage:" + storageId, "secrets." + option);
  }

  /** A plan's crypt password. */
  public static SecretContext encryptionPassword(String planId) {
    return plan(planId, "encryption.password");
  }

  /** A plan's crypt salt (rclone's password2). */
  public static SecretContext encryptionSalt(String planId) {
    return plan(planId, "encryption.salt");
  }

  /** The secret a plan's webhooks are signed with. */
  public static SecretContext webhookSecret(String planId) {
    return plan(planId, "notifications.webhooks.secret");
  }

  /** The URL of a plan's webhook (Slack's and Discord's carry their credential). */
  public static SecretContext webhookUrl(String planId) {
    return plan(planId, "notifications.webhooks.url");
  }

  /** The value of a header a plan's webhook sends. */
  public static SecretContext webhookHeader(String planId, String header) {
    return plan(planId, "notifications.webhooks.headers." + header);
  }

  /** The URL of a plan's HTTP hook. */
  public static SecretContext hookUrl(String planId) {
    return plan(planId, "hooks.http.url");
  }

  /** The value of a header a plan's HTTP hook sends. */
  public static SecretContext hookHeader(String planId, String header) {
    return plan(planId, "hooks.http.headers." + header);
  }

  /** The secret a plan's HTTP hooks are signed with. */
  public static SecretContext hookSecret(String planId) {
    return plan(planId, "hooks.http.secret");
  }

  private static SecretContext plan(String planId, String field) {
    return new SecretContext("plan:" + planId, field);
  }

  byte[] associatedData() {
    return ("syncplan-secret/2\n" + owner + "\n" + field).getBytes(StandardCharsets.UTF_8);
  }
}
