package io.syncplan.contracts.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rclone backends and options syncplan accepts, read from {@code rclone-options.json} next to
 * this class. The file is generated from every rclone version syncplan supports ({@code
 * bench/storage-options.py}), so it names exactly the options those versions have: one a newer
 * rclone adds is refused until it has been reviewed and the file generated again.
 */
public final class OptionCatalogue {

  private static final OptionCatalogue SHARED = load();

  private final List<String> rcloneVersions;
  private final Map<String, BackendOptions> backends;

  private OptionCatalogue(List<String> rcloneVersions, Map<String, BackendOptions> backends) {
    this.rcloneVersions = List.copyOf(rcloneVersions);
    this.backends = new TreeMap<>(backends);
  }

  public static OptionCatalogue shared() {
    return SHARED;
  }

  /** The backend's options, or null when syncplan does not know the backend. */
  public BackendOptions backend(String type) {
    return type == null ? null : backends.get(type);
  }

  public Set<String> types() {
    return backends.keySet();
  }

  public Map<String, BackendOptions> backends() {
    return backends;
  }

  /** The rclone versions the catalogue was made from. */
  public List<String> rcloneVersions() {
    return rcloneVersions;
  }

  private record File(List<String> rcloneVersions, Map<String, BackendOptions> backends) {}

  private static OptionCatalogue load() {
    try (InputStream in = OptionCatalogue.class.getResourceAsStream("rclone-options.json")) {
      if (in == null) {
        throw new IllegalStateException("rclone-options.json is missing from the class path");
      }
      File file =
          JsonMapper.builder()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build()
              .readValue(in, File.class);
      return new OptionCatalogue(file.rcloneVersions(), file.backends());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
