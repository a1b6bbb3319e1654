package io.syncplan.plan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class PageResponseTest {

  private final AtomicInteger counted = new AtomicInteger();
  private final Mono<Long> total =
      Mono.fromSupplier(
          () -> {
            counted.incrementAndGet();
            return 7L;
          });

  @Test
  void aPageThatIsNotFullIsTheLastAndTotalsTheListWithoutCounting() {
    PageResponse<String> last = PageResponse.of(Flux.just("e", "f", "g"), 1, 4, total).block();

    assertThat(last).isEqualTo(new PageResponse<>(List.of("e", "f", "g"), 1, 4, 7));
    assertThat(counted).hasValue(0);
  }

  @Test
  void anEmptyFirstPageIsAnEmptyListWithoutCounting() {
    PageResponse<String> empty = PageResponse.of(Flux.<String>empty(), 0, 50, total).block();

    assertThat(empty.totalItems()).isZero();
    assertThat(counted).hasValue(0);
  }

  @Test
  void aFullPageAsksForTheTotal() {
    PageResponse<String> full = PageResponse.of(Flux.just("a", "b", "c", "d"), 0, 4, total).block();

    assertThat(full.items()).containsExactly("a", "b", "c", "d");
    assertThat(full.totalItems()).isEqualTo(7);
    assertThat(counted).hasValue(1);
  }

  @Test
  void aPagePastTheEndAsksForTheTotal() {
    PageResponse<String> past = PageResponse.of(Flux.<String>empty(), 5, 4, total).block();

    assertThat(past.items()).isEmpty();
    assertThat(past.totalItems()).isEqualTo(7);
    assertThat(counted).hasValue(1);
  }
}
