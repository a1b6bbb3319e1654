package io.syncplan.plan.web;

import java.util.List;

/** One page of a list, and how many items the whole list holds. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems) {}
