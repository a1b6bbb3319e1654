package io.syncplan.testsupport;

import io.syncplan.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real S3 endpoint on loopback: S3Proxy (the S3 API over a local folder, each bucket a
 * sub-folder, each object a file) in a JVM of its own, checking every request's AWS signature
 * against the access key and secret the test gave it. Debian's rclone builds have no {@code rclone
 * serve s3}, so this plays the S3 storage that most users back up to.
 */
public final class LoopbackS3 implements AutoCloseable {

  /** The path of S3Proxy's runnable jar (the executor's build copies it to its target folder). */
  public static final String SERVER_JAR = "syncplan.test.s3-server";

  private final Path folder;
  private final String accessKey;
  private final String secretKey;
  private final int port;
  private final Process process;

  private LoopbackS3(Path folder, String accessKey, String secretKey, int port, Process process) {
    this.folder = folder;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.port = port;
    this.process = process;
  }

  /** The server's jar, when the build provided it. */
  public static Path serverJar() {
    String jar = System.getProperty(SERVER_JAR);
    return jar == null || !Files.isRegularFile(Path.of(jar)) ? null : Path.of(jar);
  }

  /**
   * Serves the folder as S3 on a free port; waits until it answers.
   *
   * @param accessKey the access key id clients must sign with
   * @param secretKey the secret access key clients must sign with
   */
  public static LoopbackS3 serve(Path folder, String accessKey, String secretKey) {
    Path jar = serverJar();
    if (jar == null) {
      throw new IllegalStateException("no S3 server jar at " + System.getProperty(SERVER_JAR));
    }
    int port = FreePorts.find();
    try {
      Files.createDirectories(folder.resolve("buckets"));
      Path properties = folder.resolve("s3proxy.properties");
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.identity=" + accessKey,
              "s3proxy.credential=" + secretKey,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + folder.resolve("buckets").toAbsolutePath(),
              ""));
      Process process =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xmx128m",
                      "-XX:+UseSerialGC",
                      "-XX:TieredStopAtLevel=1",
                      "-jar",
                      jar.toString(),
                      "--properties",
                      properties.toString()))
              .redirectErrorStream(true)
              .redirectOutput(folder.resolve("s3proxy.log").toFile())
              .start();
      LoopbackS3 s3 = new LoopbackS3(folder, accessKey, secretKey, port, process);
      try {
        ServerProcesses.awaitListening(
            process,
            port,
            Duration.ofSeconds(90),
            "the S3 server (log: " + folder.resolve("s3proxy.log") + ")");
      } catch (IllegalStateException e) {
        s3.close();
        throw e;
      }
      return s3;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the S3 server", e);
    }
  }

  /** A new, empty bucket; its name. */
  public String createBucket() {
    String bucket = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Files.createDirectories(bucketFolder(bucket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bucket;
  }

  /** Where the bucket's objects lie, one file each, as the server keeps them. */
  public Path bucketFolder(String bucket) {
    return folder.resolve("buckets").resolve(bucket);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  /**
   * Plain (non-secret) rclone options of an {@code s3} remote on this server. Buckets are made by
   * {@link #createBucket()}, so rclone is told not to create them ({@code no_check_bucket}): rclone
   * 1.75's CreateBucket carries a header S3Proxy does not implement.
   */
  public Map<String, String> options() {
    return Map.of("provider", "Other", "endpoint", endpoint(), "no_check_bucket", "true");
  }

  /** The secret rclone options of the remote, in clear. */
  public Map<String, String> secrets() {
    return secrets(secretKey);
  }

  /** The secret options with another secret key, as a user who mistyped it would give them. */
  public Map<String, String> secrets(String secretKey) {
    return Map.of("access_key_id", accessKey, "secret_access_key", secretKey);
  }

  @Override
  public void close() {
    ServerProcesses.stop(process, Duration.ofSeconds(10));
  }
}
