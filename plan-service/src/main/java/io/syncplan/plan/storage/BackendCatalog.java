package io.syncplan.plan.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rclone backends and the option names each knows, from {@code rclone config providers}
 * (resource {@code rclone-backends.json}). Options that hold credentials are secrets and must be
 * sent as such; options that make rclone run a local command are refused. Regenerate the resource
 * with {@code bench/api-rclone-backends.py} when moving to a newer rclone.
 */
final class BackendCatalog {

  /**
   * One backend.
   *
   * @param obscured secrets rclone expects obscured ({@code rclone obscure}) in its configuration
   */
  record Backend(
      List<String> options, List<String> secrets, List<String> obscured, List<String> forbidden) {

    boolean knows(String key) {
      return options.contains(key) || secrets.contains(key);
    }
  }

  private static final BackendCatalog SHARED = load();

  private final Map<String, Backend> backends;

  private BackendCatalog(Map<String, Backend> backends) {
    this.backends = new TreeMap<>(backends);
  }

  static BackendCatalog shared() {
    return SHARED;
  }

  Backend backend(String type) {
    return type == null ? null : backends.get(type);
  }

  Set<String> types() {
    return backends.keySet();
  }

  Map<String, Backend> all() {
    return backends;
  }

  private static BackendCatalog load() {
    try (InputStream in = BackendCatalog.class.getResourceAsStream("/rclone-backends.json")) {
      if (in == null) {
        throw new IllegalStateException("rclone-backends.json is missing from the class path");
      }
      Map<String, Backend> backends =
          JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Backend>>() {});
      return new BackendCatalog(backends);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
