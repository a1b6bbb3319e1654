package io.syncplan.support.network;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where outbound requests may go besides the public internet.
 *
 * @param allow address ranges ({@code 192.168.1.0/24}, {@code 10.0.0.5}, {@code fd00::/8}) and host
 *     names ({@code nas.home.arpa}, {@code *.corp.example}) that webhooks and storages may reach
 *     although they are loopback, private, link-local or unique-local; empty (the default in the
 *     images, docker compose and Kubernetes) allows public addresses only. The standalone stack
 *     allows loopback and private networks. The stack's own Kafka and MongoDB stay refused.
 */
@ConfigurationProperties("syncplan.network")
public record NetworkProperties(List<String> allow) {

  /** Loopback and private networks: the standalone stack's default, printed at its start. */
  public static final List<String> LOCAL_NETWORKS =
      List.of(
          "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

  public NetworkProperties {
    allow = allow == null ? List.of() : List.copyOf(allow);
  }
}
