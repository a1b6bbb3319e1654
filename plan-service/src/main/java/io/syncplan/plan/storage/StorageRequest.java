package io.syncplan.plan.storage;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.plan.web.NoControlChars;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A named storage: an rclone backend type, its options, and its secrets. Option and secret names
 * are rclone's own for the backend ({@code rclone help backend s3}). Secrets are write-only: on a
 * replace, a secret left out is kept, one sent as null is removed.
 */
@ValidStorage
@Schema(
    example =
        "{\"name\":\"offsite-s3\",\"type\":\"s3\",\"options\":{\"provider\":\"AWS\",\"region\":\"eu-central-1\"},\"secrets\":{\"access_key_id\":\"AKIA...\",\"secret_access_key\":\"...\"}}")
record StorageRequest(
    @NotBlank
        @Size(max = 100)
        @Pattern(
            regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*",
            message =
                "must start with a letter or digit and hold only letters, digits, spaces, '.', '_'"
                    + " or '-'")
        String name,
    @Schema(example = "s3") @NotBlank @Size(max = 40) String type,
    @Size(max = 60)
        Map<
                @NotNull @Pattern(regexp = KEY, message = KEY_MESSAGE) String,
                @NotNull @Size(max = 4096) @NoControlChars String>
            options,
    @Size(max = 20)
        Map<
                @NotNull @Pattern(regexp = KEY, message = KEY_MESSAGE) String,
                @Size(max = 16_384) String>
            secrets) {

  static final String KEY = "[a-z][a-z0-9_]{0,63}";
  static final String KEY_MESSAGE =
      "must be an rclone option name: lower-case letters, digits and '_', starting with a letter";
}
