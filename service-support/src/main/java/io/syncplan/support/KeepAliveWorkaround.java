package io.syncplan.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Works around a Reactor Netty server bug (reactor/reactor-netty#4188, #4347, #4361, unfixed in the
 * 1.3.6 that Spring Boot 4.0.7 brings): on a keep-alive connection, a request that arrives before
 * the previous request's operations have terminated is queued, and can be left unread for good, so
 * the client waits forever for an answer. Under load it hit about one request in several thousand
 * here. With {@code reactor.netty.http.server.lastFlushWhenNoRead=true} the previous operations
 * terminate before the next request is read, so it is dispatched at once instead of queued (clients
 * that pipeline requests, which ours do not, can still reach the bug).
 *
 * <p>Reactor Netty reads the property once, when the first connection of the JVM is handled, so it
 * is set as a system property before any server starts; {@code -D...=false} on the command line
 * wins. Remove this once Spring Boot brings a Reactor Netty with the fix.
 */
public final class KeepAliveWorkaround implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
