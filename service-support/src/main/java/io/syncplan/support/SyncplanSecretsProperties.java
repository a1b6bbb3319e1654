package io.syncplan.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key the AES-256 key that seals secrets (storage credentials, crypt passwords, webhook
 *     secrets), base64 of 32 random bytes ({@code openssl rand -base64 32}). plan-service,
 *     executor-service and notification-service must share it; keep it in a Kubernetes Secret.
 */
@ConfigurationProperties("syncplan.secrets")
public record SyncplanSecretsProperties(String key) {}
