package io.syncplan.plan.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits what one caller (an API key, a token's subject) may take of an instance: a number of
 * requests per period (resilience4j's {@link RateLimiter}, one per caller), and a number of live
 * run streams held open at once. Beyond either, the answer is 429 with {@code Retry-After}, as a
 * problem. Runs after authentication; requests without a caller (health, metrics) are not counted.
 */
final class CallerLimits implements WebFilter {

  private final ProblemResponses problems;
  private final RateLimiterRegistry limiters;
  private final boolean rateLimited;
  private final int maxLiveStreams;
  private final Map<String, AtomicInteger> liveStreams = new ConcurrentHashMap<>();

  CallerLimits(SecurityProperties properties, ProblemResponses problems) {
    this.problems = problems;
    SecurityProperties.RateLimit rate = properties.rateLimit();
    this.rateLimited = rate.enabled();
    this.limiters =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(rate.requests())
                .limitRefreshPeriod(rate.period())
                .timeoutDuration(Duration.ZERO)
                .build());
    this.maxLiveStreams = properties.maxLiveStreams();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .map(CallerLimits::limitKey)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            caller ->
                caller.isEmpty() ? chain.filter(exchange) : limited(caller.get(), exchange, chain));
  }

  private Mono<Void> limited(String caller, ServerWebExchange exchange, WebFilterChain chain) {
    if (rateLimited) {
      RateLimiter limiter = limiters.rateLimiter(caller);
      if (!limiter.acquirePermission()) {
        long seconds = Math.max(1, (nanosToWait(limiter) + 999_999_999L) / 1_000_000_000L);
        return tooMany(
            exchange,
            seconds,
            "rate-limited",
            "This API key made more requests than it may in "
                + window(limiter)
                + "; wait as Retry-After says.");
      }
    }
    if (!isLiveStream(exchange)) {
      return chain.filter(exchange);
    }
    AtomicInteger open = liveStreams.computeIfAbsent(caller, key -> new AtomicInteger());
    if (open.incrementAndGet() > maxLiveStreams) {
      open.decrementAndGet();
      return tooMany(
          exchange,
          5,
          "too-many-streams",
          "This API key holds "
              + maxLiveStreams
              + " live run streams open already; close one first.");
    }
    return chain.filter(exchange).doFinally(signal -> open.decrementAndGet());
  }

  /** Until the next permission; a whole period when the limiter cannot tell. */
  private static long nanosToWait(RateLimiter limiter) {
    return limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics
        ? metrics.getNanosToWait()
        : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
  }

  private static String window(RateLimiter limiter) {
    RateLimiterConfig config = limiter.getRateLimiterConfig();
    return config.getLimitForPeriod()
        + " requests per "
        + config.getLimitRefreshPeriod().toMillis()
        + " ms";
  }

  /** A run's Server-Sent Events: {@code GET /api/v1/runs/{id}/events}. */
  private static boolean isLiveStream(ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    return path.startsWith("/api/v1/runs/") && path.endsWith("/events");
  }

  private static Optional<String> limitKey(Authentication authentication) {
    return authentication.getPrincipal() instanceof Caller caller
        ? Optional.of(caller.limitKey())
        : Optional.of(authentication.getName());
  }

  private Mono<Void> tooMany(
      ServerWebExchange exchange, long retryAfterSeconds, String type, String detail) {
    exchange
        .getResponse()
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return problems.write(
        exchange, HttpStatus.TOO_MANY_REQUESTS, type, "Too many requests", detail);
  }
}
