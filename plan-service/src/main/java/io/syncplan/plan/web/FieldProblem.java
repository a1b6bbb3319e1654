package io.syncplan.plan.web;

/** One invalid field of a request and why, as listed in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {}
