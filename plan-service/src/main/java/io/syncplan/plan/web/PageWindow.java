package io.syncplan.plan.web;

/**
 * How deep a list may be paged: the first 10,000 items of any filter. Deeper pages would make the
 * store skip ever more documents for one request; narrowing the filter (a status, a time range, a
 * name) reaches any item sooner.
 */
public final class PageWindow {

  public static final int MAX_ITEMS = 10_000;

  private PageWindow() {}

  /**
   * @throws InvalidRequestException when the page ends past the first {@link #MAX_ITEMS} items
   */
  public static void check(int page, int size) {
    if ((long) (page + 1) * size > MAX_ITEMS) {
      throw new InvalidRequestException(
          "page",
          "page "
              + page
              + " of size "
              + size
              + " ends past item "
              + MAX_ITEMS
              + ", the deepest a list is paged; narrow the list with its filters instead");
    }
  }
}
