package io.syncplan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts one {@link LoopbackS3} per JVM, on first use, and hands it to tests. */
final class LoopbackS3Extension implements ExecutionCondition, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LoopbackS3Extension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (LoopbackS3.serverJar() == null) {
      return RcloneCondition.unavailable(
          "no S3 server for the tests (S3Proxy's jar, "
              + LoopbackS3.SERVER_JAR
              + "="
              + System.getProperty(LoopbackS3.SERVER_JAR)
              + "; the executor's Maven build provides it)");
    }
    return ConditionEvaluationResult.enabled("S3 server at " + LoopbackS3.serverJar());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LoopbackS3.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(LoopbackS3.class, key -> start(), LoopbackS3.class);
  }

  private static LoopbackS3 start() {
    try {
      return LoopbackS3.serve(
          Files.createTempDirectory("syncplan-s3-"),
          "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(),
          UUID.randomUUID().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
