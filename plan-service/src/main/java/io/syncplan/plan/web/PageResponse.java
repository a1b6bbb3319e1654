package io.syncplan.plan.web;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One page of a list, and how many items the whole list holds. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems) {

  /**
   * The page, with the list's total asked of {@code total} only where the page cannot tell it: a
   * page that is not full, and not past the end, is the list's last, so the list holds the items of
   * the pages before it and its own. Most lists (a plan's runs, its revisions) fit on their first
   * page, and counting is a second read of the store.
   */
  public static <T> Mono<PageResponse<T>> of(Flux<T> items, int page, int size, Mono<Long> total) {
    return items
        .collectList()
        .flatMap(
            list ->
                isLastPage(list.size(), page, size)
                    ? Mono.just(
                        new PageResponse<>(list, page, size, (long) page * size + list.size()))
                    : total.map(count -> new PageResponse<>(list, page, size, count)));
  }

  private static boolean isLastPage(int found, int page, int size) {
    return found < size && (found > 0 || page == 0);
  }
}
