package io.syncplan.support.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The network policy every service applies to its outbound requests, logged at start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetworkProperties.class)
public class NetworkPolicyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NetworkPolicy.class);

  @Bean
  @ConditionalOnMissingBean
  NetworkPolicy networkPolicy(
      NetworkProperties properties,
      Environment environment,
      ObjectProvider<HostResolver> resolver) {
    NetworkPolicy policy =
        new NetworkPolicy(
            properties.allow(),
            OwnServices.of(environment),
            resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    log.info("Network policy: {}", policy.describe());
    return policy;
  }
}
